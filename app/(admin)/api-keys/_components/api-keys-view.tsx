"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { createColumnHelper, getCoreRowModel, useReactTable } from "@tanstack/react-table";
import { type KeyboardEvent, useId, useMemo, useRef, useState } from "react";
import { DataTable } from "@/components/tables/data-table";
import { useTRPC } from "@/components/trpc/client";
import { errorMessage } from "@/components/trpc/errors";
import type { RouterOutputs } from "@/components/trpc/router-types";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { EmptyState } from "@/components/ui/empty-state";
import { Input } from "@/components/ui/field";
import { RelativeTime } from "@/components/ui/relative-time";
import { formatAbsolute, useTimeZone } from "@/components/ui/time-zone";
import { NotAllowed, usePermission } from "../../_components/role";
import { ChangeAccessDialog } from "./change-access-dialog";
import { CreateKey, keyName } from "./create-key";
import { PortalLinkDialog } from "./portal-link-dialog";
import { ScopeList } from "./scope-picker";

type ApiKey = RouterOutputs["apiKey"]["list"][number];

const column = createColumnHelper<ApiKey>();

export function ApiKeysView() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const keys = useQuery(trpc.apiKey.list.queryOptions());
  const [revoking, setRevoking] = useState<ApiKey | null>(null);
  const write = usePermission("apiKeys.write");
  const [changing, setChanging] = useState<ApiKey | null>(null);
  const [linking, setLinking] = useState<ApiKey | null>(null);

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
      column.accessor("scopes", {
        header: "Access",
        cell: (info) => <ScopeList scopes={info.getValue()} />,
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
      column.accessor("expires_at", {
        header: "Expires",
        cell: (info) => {
          const value = info.getValue();
          return value ? (
            <RelativeTime iso={value} ahead className="whitespace-nowrap text-slate-500" />
          ) : (
            <span className="text-slate-400">Never</span>
          );
        },
      }),
      column.accessor("revoked_at", {
        header: "Status",
        cell: (info) => <KeyStatus apiKey={info.row.original} />,
      }),
      column.display({
        id: "actions",
        header: () => <span className="sr-only">Actions</span>,
        meta: { className: "text-right" },
        cell: (info) =>
          info.row.original.revoked_at ? null : (
            <span className="flex justify-end gap-1">
              <Button
                variant="ghost"
                size="sm"
                disabled={!write.allowed}
                title={write.reason}
                onClick={() => setChanging(info.row.original)}
                aria-label={`Change access of ${info.row.original.name}`}
              >
                Edit access
              </Button>
              <Button
                variant="ghost"
                size="sm"
                disabled={!write.allowed}
                title={write.reason}
                onClick={() => setLinking(info.row.original)}
                aria-label={`Portal link for ${info.row.original.name}`}
              >
                Portal link
              </Button>
              <Button
                variant="danger-ghost"
                size="sm"
                disabled={!write.allowed}
                title={write.reason}
                onClick={() => setRevoking(info.row.original)}
                aria-label={`Revoke ${info.row.original.name}`}
              >
                Revoke
              </Button>
            </span>
          ),
      }),
    ],
    [write],
  );
  const table = useReactTable({
    data: keys.data ?? [],
    columns,
    getCoreRowModel: getCoreRowModel(),
    getRowId: (row) => row.id,
  });

  return (
    <div className="space-y-6">
      {write.allowed ? <CreateKey /> : <NotAllowed action="apiKeys.write" />}
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
      <ChangeAccessDialog apiKey={changing} onClose={() => setChanging(null)} />
      <PortalLinkDialog apiKey={linking} onClose={() => setLinking(null)} />
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

/** The key's name, renamed in place: Enter saves, Escape cancels. */
function KeyName({ apiKey }: { apiKey: ApiKey }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState(apiKey.name);
  const [problem, setProblem] = useState<string | null>(null);
  const editButton = useRef<HTMLButtonElement>(null);
  const inputId = useId();
  const write = usePermission("apiKeys.write");
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
    const parsed = keyName.safeParse(draft);
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
          disabled={!write.allowed}
          title={write.reason}
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

/** Revoked, expired (both refused with 401) or active; the hover says since when. */
function KeyStatus({ apiKey }: { apiKey: ApiKey }) {
  const zone = useTimeZone();
  if (apiKey.revoked_at) {
    return (
      <span title={`Revoked ${formatAbsolute(apiKey.revoked_at, zone)}`}>
        <Badge tone="red">Revoked</Badge>
      </span>
    );
  }
  if (apiKey.expires_at && new Date(apiKey.expires_at).getTime() <= Date.now()) {
    return (
      <span title={`Expired ${formatAbsolute(apiKey.expires_at, zone)}`} suppressHydrationWarning>
        <Badge tone="amber">Expired</Badge>
      </span>
    );
  }
  return <Badge tone="green">Active</Badge>;
}
