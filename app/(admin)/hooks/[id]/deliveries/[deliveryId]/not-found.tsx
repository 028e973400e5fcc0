import { ButtonLink } from "@/components/ui/button-link";
import { EmptyState } from "@/components/ui/empty-state";

export default function DeliveryNotFound() {
  return (
    <div className="mx-auto mt-16 max-w-md rounded-xl bg-white shadow-sm ring-1 ring-slate-200">
      <EmptyState
        heading="h1"
        title="Delivery not found"
        description="There is no such delivery for this hook. Deliveries go when their hook is deleted."
        action={
          <ButtonLink href="/hooks" variant="secondary">
            Back to hooks
          </ButtonLink>
        }
      />
    </div>
  );
}
