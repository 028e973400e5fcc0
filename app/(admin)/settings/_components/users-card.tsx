"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { createColumnHelper, getCoreRowModel, useReactTable } from "@tanstack/react-table";
import { useMemo, useState } from "react";
import { DataTable } from "@/components/tables/data-table";
import { useTRPC } from "@/components/trpc/client";
import { errorMessage } from "@/components/trpc/errors";
import type { RouterOutputs } from "@/components/trpc/router-types";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { EmptyState } from "@/components/ui/empty-state";
import { Select } from "@/components/ui/field";
import { RelativeTime } from "@/components/ui/relative-time";
import {
  actionToManage,
  assignableRoles,
  can,
  ROLE_LABELS,
  ROLES,
  type Role,
  refusalMessage,
} from "@/shared/permissions";
import { useRole } from "../../_components/role";
import { InviteUser } from "./invite-user";
import { PendingInvitations } from "./pending-invitations";
import { ResetTwoFactorDialog } from "./reset-two-factor";

type User = RouterOutputs["user"]["list"][number];
const column = createColumnHelper<User>();

/** Why someone of `myRole` may not change `user` (its role, two-factor, removal), or undefined when they may. */
function refusalToManage(myRole: Role, user: User): string | undefined {
  const manage = actionToManage(user.role);
  return can(myRole, manage) ? undefined : refusalMessage(myRole, manage);
}

/**
 * Everyone who can sign in, with their roles; owners and admins change roles, reset two-factor
 * sign-in, remove and invite.
 */
export function UsersCard({ me }: { me: { id: string } }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const myRole = useRole();
  const users = useQuery(trpc.user.list.queryOptions());
  const [deleting, setDeleting] = useState<User | null>(null);
  const [resetting, setResetting] = useState<User | null>(null);
  const refresh = () => void queryClient.invalidateQueries(trpc.user.list.pathFilter());
  const remove = useMutation(
    trpc.user.delete.mutationOptions({
      onSuccess: () => {
        refresh();
        setDeleting(null);
      },
    }),
  );
  const setRole = useMutation(trpc.user.setRole.mutationOptions({ onSettled: refresh }));

  const columns = useMemo(
    () => [
      column.accessor("email", {
        header: "Email",
        cell: (info) => (
          <span className="flex items-center gap-2">
            <span className="font-medium text-slate-900">{info.getValue()}</span>
            {info.row.original.id === me.id ? <Badge tone="brand">You</Badge> : null}
          </span>
        ),
      }),
      column.accessor("role", {
        header: "Role",
        cell: (info) => {
          const user = info.row.original;
          // Your own role is changed by another owner or admin: here it is only shown.
          if (user.id === me.id) return <span className="text-slate-700">{ROLE_LABELS[user.role].one}</span>;
          const reason = refusalToManage(myRole, user);
          const options = reason ? [user.role] : assignableRoles(myRole);
          return (
            <Select
              aria-label={`Role of ${user.email}`}
              value={user.role}
              disabled={Boolean(reason) || setRole.isPending}
              title={reason}
              onChange={(event) => setRole.mutate({ id: user.id, role: event.target.value as Role })}
              className="min-w-32"
            >
              {options.map((role) => (
                <option key={role} value={role}>
                  {ROLE_LABELS[role].one}
                </option>
              ))}
            </Select>
          );
        },
      }),
      column.accessor("last_sign_in_at", {
        header: "Last sign-in",
        cell: (info) => {
          const value = info.getValue();
          return value ? (
            <RelativeTime iso={value} className="whitespace-nowrap text-slate-500" />
          ) : (
            <span className="text-slate-400" title="Signed out, or never signed in">
              Not signed in
            </span>
          );
        },
      }),
      column.accessor("two_factor", {
        header: "Two-factor",
        cell: (info) => (info.getValue() ? <Badge tone="green">On</Badge> : <Badge>Off</Badge>),
      }),
      column.display({
        id: "actions",
        header: () => <span className="sr-only">Actions</span>,
        meta: { className: "text-right" },
        // Removing yourself, or resetting your own two-factor (your Two-factor sign-in card does
        // that), is refused by the server too; here the buttons simply aren't offered.
        cell: (info) => {
          const user = info.row.original;
          if (user.id === me.id) return null;
          const reason = refusalToManage(myRole, user);
          return (
            <span className="inline-flex items-center gap-1">
              {user.two_factor ? (
                <Button
                  variant="ghost"
                  size="sm"
                  disabled={Boolean(reason)}
                  title={reason}
                  onClick={() => setResetting(user)}
                  aria-label={`Reset two-factor sign-in for ${user.email}`}
                  className="whitespace-nowrap"
                >
                  Reset two-factor…
                </Button>
              ) : null}
              <Button
                variant="danger-ghost"
                size="sm"
                disabled={Boolean(reason)}
                title={reason}
                onClick={() => setDeleting(user)}
                aria-label={`Delete ${user.email}`}
              >
                Delete
              </Button>
            </span>
          );
        },
      }),
    ],
    [me.id, myRole, setRole],
  );
  const table = useReactTable({
    data: users.data ?? [],
    columns,
    getCoreRowModel: getCoreRowModel(),
    getRowId: (row) => row.id,
  });

  return (
    <Card
      title="Users"
      description="Everyone who can sign in, and what their role lets them do. New users come by invitation."
    >
      <div className="space-y-5">
        {setRole.error ? (
          <p role="alert" className="text-sm text-red-600">
            {errorMessage(setRole.error)}
          </p>
        ) : null}
        <DataTable
          table={table}
          label="Users"
          loading={users.isPending}
          error={users.isError ? errorMessage(users.error) : null}
          onRetry={() => void users.refetch()}
          empty={<EmptyState title="No users" description="Invite one below." />}
        />
        <dl className="grid gap-x-4 gap-y-1 text-xs text-slate-500 sm:grid-cols-[auto_1fr]">
          {ROLES.map((role) => (
            <div key={role} className="contents">
              <dt className="font-medium text-slate-700">{ROLE_LABELS[role].one}</dt>
              <dd>{ROLE_LABELS[role].summary}</dd>
            </div>
          ))}
        </dl>
        <PendingInvitations />
        <InviteUser />
      </div>
      <ResetTwoFactorDialog user={resetting} onReset={refresh} onClose={() => setResetting(null)} />
      <ConfirmDialog
        open={deleting !== null}
        title={`Delete ${deleting?.email ?? ""}?`}
        confirmLabel="Delete user"
        pendingLabel="Deleting…"
        pending={remove.isPending}
        error={remove.error ? errorMessage(remove.error) : null}
        onConfirm={() => deleting && remove.mutate({ id: deleting.id })}
        onClose={() => {
          setDeleting(null);
          remove.reset();
        }}
      >
        They are signed out everywhere and can no longer sign in. API keys they created keep working.
      </ConfirmDialog>
    </Card>
  );
}
