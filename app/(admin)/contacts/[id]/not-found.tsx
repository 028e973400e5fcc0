import { ButtonLink } from "@/components/ui/button-link";
import { EmptyState } from "@/components/ui/empty-state";

export default function ContactNotFound() {
  return (
    <div className="mx-auto mt-16 max-w-md rounded-xl bg-white shadow-sm ring-1 ring-slate-200">
      <EmptyState
        heading="h1"
        title="Contact not found"
        description="There is no contact at this address. It may have been deleted, or the link is mistyped."
        action={
          <ButtonLink href="/contacts" variant="secondary">
            Back to contacts
          </ButtonLink>
        }
      />
    </div>
  );
}
