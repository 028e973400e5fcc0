"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "@/components/trpc/client";
import { errorMessage } from "@/components/trpc/errors";
import { Button } from "@/components/ui/button";
import { RelativeTime } from "@/components/ui/relative-time";
import { actionToManage, can, ROLE_LABELS, refusalMessage } from "@/shared/permissions";
import { useRole } from "../../_components/role";

/** Invitations not yet accepted, with a revoke button each; nothing when there are none. */
export function PendingInvitations() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const myRole = useRole();
  const invitations = useQuery(trpc.invitation.list.queryOptions());
  const revoke = useMutation(
    trpc.invitation.revoke.mutationOptions({
      onSettled: () => void queryClient.invalidateQueries(trpc.invitation.list.pathFilter()),
    }),
  );
  if (invitations.isError) {
    return (
      <p role="alert" className="text-sm text-red-600">
        {errorMessage(invitations.error)}
      </p>
    );
  }
  const pending = invitations.data ?? [];
  if (pending.length === 0) return null;

  return (
    <section aria-labelledby="pending-heading" className="space-y-2 border-t border-slate-100 pt-5">
      <h3 id="pending-heading" className="text-sm font-semibold text-slate-900">
        Pending invitations
      </h3>
      {revoke.error ? (
        <p role="alert" className="text-sm text-red-600">
          {errorMessage(revoke.error)}
        </p>
      ) : null}
      <ul className="divide-y divide-slate-100 rounded-md ring-1 ring-slate-200">
        {pending.map((invitation) => {
          const manage = actionToManage(invitation.role);
          const reason = can(myRole, manage) ? undefined : refusalMessage(myRole, manage);
          return (
            <li
              key={invitation.id}
              className="flex flex-wrap items-center justify-between gap-2 px-3 py-2 text-sm"
            >
              <span className="min-w-0 break-all">
                <span className="font-medium text-slate-900">{invitation.email}</span>{" "}
                <span className="text-slate-500">
                  as {ROLE_LABELS[invitation.role].one.toLowerCase()}, expires{" "}
                  <RelativeTime iso={invitation.expires_at} ahead />
                </span>
              </span>
              <Button
                variant="danger-ghost"
                size="sm"
                disabled={Boolean(reason) || revoke.isPending}
                title={reason}
                aria-label={`Revoke the invitation for ${invitation.email}`}
                onClick={() => revoke.mutate({ id: invitation.id })}
              >
                Revoke
              </Button>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
