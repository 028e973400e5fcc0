"use client";
import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { createColumnHelper, getCoreRowModel, useReactTable } from "@tanstack/react-table";
import type { inferRouterOutputs } from "@trpc/server";
import { useMemo, useState } from "react";
import { useForm } from "react-hook-form";
import { z } from "zod";
import { DataTable } from "@/components/tables/data-table";
import { useTRPC } from "@/components/trpc/client";
import { errorMessage, fieldErrors } from "@/components/trpc/errors";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { EmptyState } from "@/components/ui/empty-state";
import { Field, Input } from "@/components/ui/field";
import { RelativeTime } from "@/components/ui/relative-time";
import type { AppRouter } from "@/server/trpc/root";

type Admin = inferRouterOutputs<AppRouter>["user"]["list"][number];

const createSchema = z.object({
  email: z.string().trim().pipe(z.email("Enter a valid email address.")),
  password: z
    .string()
    .min(10, "Use at least 10 characters for the password.")
    .max(200, "Use at most 200 characters for the password."),
});
const column = createColumnHelper<Admin>();

/** Everyone who can sign in; every one of them is an admin. */
export function AdminsCard({ me }: { me: { id: string; email: string } }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const admins = useQuery(trpc.user.list.queryOptions());
  const [deleting, setDeleting] = useState<Admin | null>(null);
  const remove = useMutation(
    trpc.user.delete.mutationOptions({
      onSuccess: () => {
        void queryClient.invalidateQueries(trpc.user.list.pathFilter());
        setDeleting(null);
      },
    }),
  );

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
      column.accessor("created_at", {
        header: "Added",
        cell: (info) => <RelativeTime iso={info.getValue()} className="whitespace-nowrap text-slate-500" />,
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
        // Removing yourself is refused by the server too; here the button simply isn't offered.
        cell: (info) =>
          info.row.original.id === me.id ? null : (
            <Button
              variant="danger-ghost"
              size="sm"
              onClick={() => setDeleting(info.row.original)}
              aria-label={`Delete ${info.row.original.email}`}
            >
              Delete
            </Button>
          ),
      }),
    ],
    [me.id],
  );
  const table = useReactTable({
    data: admins.data ?? [],
    columns,
    getCoreRowModel: getCoreRowModel(),
    getRowId: (row) => row.id,
  });

  return (
    <Card title="Admins" description="Everyone listed here can sign in and manage all of Hookline.">
      <div className="space-y-5">
        <DataTable
          table={table}
          label="Admins"
          loading={admins.isPending}
          error={admins.isError ? errorMessage(admins.error) : null}
          onRetry={() => void admins.refetch()}
          empty={<EmptyState title="No admins" description="Add one below." />}
        />
        <AddAdmin />
      </div>
      <ConfirmDialog
        open={deleting !== null}
        title={`Delete ${deleting?.email ?? ""}?`}
        confirmLabel="Delete admin"
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

function AddAdmin() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [added, setAdded] = useState<string | null>(null);
  const form = useForm<z.input<typeof createSchema>, unknown, z.output<typeof createSchema>>({
    resolver: zodResolver(createSchema),
    defaultValues: { email: "", password: "" },
  });
  const create = useMutation(
    trpc.user.create.mutationOptions({
      onSuccess: (user) => {
        form.reset();
        setAdded(user.email);
        void queryClient.invalidateQueries(trpc.user.list.pathFilter());
      },
      onError: (error) => {
        const details = fieldErrors(error);
        const password = details.find((item) => item.path === "password");
        if (password) form.setError("password", { type: "server", message: password.message });
        const email = details.find((item) => item.path === "email");
        if (email || !password) {
          form.setError("email", { type: "server", message: email?.message ?? errorMessage(error) });
        }
      },
    }),
  );
  const { errors } = form.formState;

  return (
    <form
      onSubmit={form.handleSubmit((values) => {
        setAdded(null);
        create.mutate(values);
      })}
      noValidate
      aria-labelledby="add-admin-heading"
      className="space-y-3 border-t border-slate-100 pt-5"
    >
      <h3 id="add-admin-heading" className="text-sm font-semibold text-slate-900">
        Add an admin
      </h3>
      {added ? (
        <Alert tone="success">
          {added} can sign in now. Share the password with them safely: they will be asked to replace it with
          their own when they first sign in.
        </Alert>
      ) : null}
      <div className="grid items-start gap-3 sm:grid-cols-[1fr_1fr_auto]">
        <Field label="Email" htmlFor="new-admin-email" error={errors.email?.message}>
          <Input
            id="new-admin-email"
            type="email"
            autoComplete="off"
            aria-invalid={!!errors.email}
            {...form.register("email")}
          />
        </Field>
        <Field
          label="Password"
          htmlFor="new-admin-password"
          error={errors.password?.message}
          hint="At least 10 characters."
        >
          <Input
            id="new-admin-password"
            type="password"
            autoComplete="new-password"
            aria-invalid={!!errors.password}
            {...form.register("password")}
          />
        </Field>
        <Button type="submit" className="sm:mt-7" disabled={create.isPending}>
          {create.isPending ? "Adding…" : "Add admin"}
        </Button>
      </div>
    </form>
  );
}
