import { ButtonLink } from "@/components/ui/button-link";
import { EmptyState } from "@/components/ui/empty-state";

export default function EventNotFound() {
  return (
    <div className="mx-auto mt-16 max-w-md rounded-xl bg-white shadow-sm ring-1 ring-slate-200">
      <EmptyState
        heading="h1"
        title="Event not found"
        description="There is no event with that id. Events older than the retention period are deleted."
        action={
          <ButtonLink href="/events" variant="secondary">
            Back to events
          </ButtonLink>
        }
      />
    </div>
  );
}
