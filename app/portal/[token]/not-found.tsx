import { EmptyState } from "@/components/ui/empty-state";
import { PortalHomeLink } from "./_components/portal-home-link";

/** Inside the portal: a hook that isn't this key's looks exactly like one that doesn't exist. */
export default function PortalNotFound() {
  return (
    <div className="mx-auto mt-10 max-w-md rounded-xl bg-white shadow-sm ring-1 ring-slate-200">
      <EmptyState
        heading="h1"
        title="Not found"
        description="There is no hook or delivery at this address. It may have been deleted."
        action={<PortalHomeLink />}
      />
    </div>
  );
}
