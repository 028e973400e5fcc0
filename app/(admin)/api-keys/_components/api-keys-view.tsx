"use client";
import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { createColumnHelper, getCoreRowModel, useReactTable } from "@tanstack/react-table";
import type { inferRouterOutputs } from "@trpc/server";
import { type KeyboardEvent, useId, useMemo, useRef, useState } from "react";
import { useForm } from "react-hook-form";
import { z } from "zod";
import { DataTable } from "@/components/tables/data-table";
import { useTRPC } from "@/components/trpc/client";
import { errorMessage, fieldErrors } from "@/components/trpc/errors";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { CopyButton } from "@/components/ui/copy-button";
import { EmptyState } from "@/components/ui/empty-state";
import { Field, Input } from "@/components/ui/field";
import { RelativeTime } from "@/components/ui/relative-time";
import { formatAbsolute, useTimeZone } from "@/components/ui/time-zone";
import type { AppRouter } from "@/server/trpc/root";

type ApiKey = inferRouterOutputs<AppRouter>["apiKey"]["list"][number];

const name = z
  .string()
  .trim()
  .min(1, "Give the key a name.")
  .max(100, "Use at most 100 characters for the name.");
const createSchema = z.object({ name });
const column = createColumnHelper<ApiKey>();

export function ApiKeysView() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const keys = useQuery(trpc.apiKey.list.queryOptions());
  const [revoking, setRevoking] = useState<ApiKey | null>(null);

  const refresh = () => void queryClient.invalidateQueries(trpc.apiKey.list.pathFilter());
  const revoke = useMutation(
    trpc.apiKey.revoke.mutationOptions({
      onSuccess: () => {
        refresh();
        setRevoking(null);
      },
    }),
  );

  const columns = useMemo(
    () => [
      column.accessor("name", {
        header: "Name",
        cell: (info) => <KeyName apiKey={info.row.original} />,
      }),
      column.accessor("prefix", {
        header: "Key",
        cell: (info) => <code className="font-mono text-[13px] text-slate-600">{info.getValue()}…</code>,
      }),
      column.accessor("created_at", {
        header: "Created",
        cell: (info) => <RelativeTime iso={info.getValue()} className="whitespace-nowrap text-slate-500" />,
      }),
      column.accessor("last_used_at", {
        header: "Last used",
        cell: (info) => {
          const value = info.getValue();
          return value ? (
            <RelativeTime iso={value} className="whitespace-nowrap text-slate-500" />
          ) : (
            <span className="text-slate-400">Never</span>
          );
        },
      }),
      column.accessor("revoked_at", {
        header: "Status",
        cell: (info) => {
          const value = info.getValue();
          return value ? <RevokedBadge at={value} /> : <Badge tone="green">Active</Badge>;
        },
      }),
      column.display({
        id: "actions",
        header: () => <span className="sr-only">Actions</span>,
        meta: { className: "text-right" },
        cell: (info) =>
          info.row.original.revoked_at ? null : (
            <Button
              variant="danger-ghost"
              size="sm"
              onClick={() => setRevoking(info.row.original)}
              aria-label={`Revoke ${info.row.original.name}`}
            >
              Revoke
            </Button>
          ),
      }),
    ],
    [],
  );
  const table = useReactTable({
    data: keys.data ?? [],
    columns,
    getCoreRowModel: getCoreRowModel(),
    getRowId: (row) => row.id,
  });

  return (
    <div className="space-y-6">
      <CreateKey />
      <DataTable
        table={table}
        label="API keys"
        loading={keys.isPending}
        error={keys.isError ? errorMessage(keys.error) : null}
        onRetry={() => void keys.refetch()}
        empty={
          <EmptyState
            title="No API keys yet"
            description="Create one above and give it to an integration, such as Zapier or your own backend."
          />
        }
      />
      <ConfirmDialog
        open={revoking !== null}
        title={`Revoke "${revoking?.name ?? ""}"?`}
        confirmLabel="Revoke key"
        pendingLabel="Revoking…"
        pending={revoke.isPending}
        error={revoke.error ? errorMessage(revoke.error) : null}
        onConfirm={() => revoking && revoke.mutate({ id: revoking.id })}
        onClose={() => {
          setRevoking(null);
          revoke.reset();
        }}
      >
        Requests with this key are refused from now on, and the hooks it created stop receiving events. This
        cannot be undone.
      </ConfirmDialog>
    </div>
  );
}

/** Creating a key, and the one time its secret is shown. */
function CreateKey() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const form = useForm<z.input<typeof createSchema>, unknown, z.output<typeof createSchema>>({
    resolver: zodResolver(createSchema),
    defaultValues: { name: "" },
  });
  const create = useMutation(
    trpc.apiKey.create.mutationOptions({
      onSuccess: () => {
        form.reset();
        void queryClient.invalidateQueries(trpc.apiKey.list.pathFilter());
      },
      onError: (error) => {
        const detail = fieldErrors(error).find((item) => item.path === "name");
        form.setError("name", { type: "server", message: detail?.message ?? errorMessage(error) });
      },
    }),
  );
  const { errors } = form.formState;
  const created = create.data;

  if (created) {
    return (
      <section aria-labelledby="new-key-heading" className="rounded-xl bg-amber-50 p-5 ring-1 ring-amber-200">
        <h2 id="new-key-heading" className="text-sm font-semibold text-amber-900">
          Your new key “{created.apiKey.name}”
        </h2>
        <p className="mt-1 text-sm text-amber-800">
          Copy it now and keep it somewhere safe. <strong>This is the only time it is shown</strong>: Hookline
          keeps only a hash of it.
        </p>
        <div className="mt-4 flex flex-wrap items-center gap-3">
          <code
            data-testid="new-api-key"
            className="rounded-md bg-white px-3 py-2 font-mono text-sm break-all text-slate-900 ring-1 ring-amber-200 select-all"
          >
            {created.secret}
          </code>
          <CopyButton value={created.secret} label="Copy key" size="md" />
        </div>
        <div className="mt-4">
          {/* Resetting the mutation drops the secret from memory, not just from the screen. */}
          <Button variant="secondary" onClick={() => create.reset()}>
            I have stored it
          </Button>
        </div>
      </section>
    );
  }

  return (
    <form
      onSubmit={form.handleSubmit((values) => create.mutate({ name: values.name }))}
      noValidate
      className="flex flex-wrap items-start gap-3 rounded-xl bg-white p-5 shadow-sm ring-1 ring-slate-200"
    >
      <div className="min-w-64 flex-1 sm:max-w-sm">
        <Field
          label="New key name"
          htmlFor="api-key-name"
          error={errors.name?.message}
          hint="Who will use it, e.g. “Zapier” or “Billing backend”."
        >
          <Input
            id="api-key-name"
            autoComplete="off"
            aria-invalid={!!errors.name}
            {...form.register("name")}
          />
        </Field>
      </div>
      <Button type="submit" className="mt-7" disabled={create.isPending}>
        {create.isPending ? "Creating…" : "Create key"}
      </Button>
    </form>
  );
}

/** The key's name, renamed in place: Enter saves, Escape cancels. */
function KeyName({ apiKey }: { apiKey: ApiKey }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState(apiKey.name);
  const [problem, setProblem] = useState<string | null>(null);
  const editButton = useRef<HTMLButtonElement>(null);
  const inputId = useId();
  const rename = useMutation(
    trpc.apiKey.rename.mutationOptions({
      onSuccess: () => {
        void queryClient.invalidateQueries(trpc.apiKey.list.pathFilter());
        close();
      },
      onError: (error) => setProblem(errorMessage(error)),
    }),
  );

  function close() {
    setEditing(false);
    setProblem(null);
    // Hand focus back to where the keyboard user started.
    requestAnimationFrame(() => editButton.current?.focus());
  }

  function save() {
    const parsed = name.safeParse(draft);
    if (!parsed.success) {
      setProblem(parsed.error.issues[0]?.message ?? "Check the name.");
      return;
    }
    if (parsed.data === apiKey.name) return close();
    rename.mutate({ id: apiKey.id, name: parsed.data });
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === "Enter") {
      event.preventDefault();
      save();
    } else if (event.key === "Escape") {
      event.preventDefault();
      close();
    }
  }

  if (!editing) {
    return (
      <span className="group flex items-center gap-2">
        <span className={`font-medium ${apiKey.revoked_at ? "text-slate-500" : "text-slate-900"}`}>
          {apiKey.name}
        </span>
        <Button
          ref={editButton}
          variant="ghost"
          size="sm"
          onClick={() => {
            setDraft(apiKey.name);
            setEditing(true);
          }}
          aria-label={`Rename ${apiKey.name}`}
          className="opacity-60 group-hover:opacity-100 focus-visible:opacity-100"
        >
          Rename
        </Button>
      </span>
    );
  }

  return (
    <div className="flex min-w-72 flex-col gap-1">
      <div className="flex items-center gap-2">
        <label htmlFor={inputId} className="sr-only">
          New name for {apiKey.name}
        </label>
        <Input
          id={inputId}
          value={draft}
          autoFocus
          onChange={(event) => {
            setDraft(event.target.value);
            setProblem(null);
          }}
          onKeyDown={onKeyDown}
          aria-invalid={!!problem}
          aria-describedby={problem ? `${inputId}-error` : undefined}
          className="py-1.5"
        />
        <Button size="sm" onClick={save} disabled={rename.isPending}>
          Save
        </Button>
        <Button size="sm" variant="ghost" onClick={close} disabled={rename.isPending}>
          Cancel
        </Button>
      </div>
      {problem ? (
        <p id={`${inputId}-error`} role="alert" className="text-sm text-red-600">
          {problem}
        </p>
      ) : null}
    </div>
  );
}

function RevokedBadge({ at }: { at: string }) {
  const zone = useTimeZone();
  return (
    <span title={`Revoked ${formatAbsolute(at, zone)}`}>
      <Badge tone="red">Revoked</Badge>
    </span>
  );
}
