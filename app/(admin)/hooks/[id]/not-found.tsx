import { ButtonLink } from "@/components/ui/button-link";
import { EmptyState } from "@/components/ui/empty-state";

export default function HookNotFound() {
  return (
    <div className="mx-auto mt-16 max-w-md rounded-xl bg-white shadow-sm ring-1 ring-slate-200">
      <EmptyState
        heading="h1"
        title="Hook not found"
        description="There is no hook at this address. It may have been deleted — by an admin, its integrator, or a 410 Gone answer from its receiver."
        action={
          <ButtonLink href="/hooks" variant="secondary">
            Back to hooks
          </ButtonLink>
        }
      />
    </div>
  );
}
