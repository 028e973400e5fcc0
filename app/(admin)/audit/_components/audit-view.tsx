"use client";
import { useInfiniteQuery } from "@tanstack/react-query";
import { createColumnHelper, getCoreRowModel, useReactTable } from "@tanstack/react-table";
import Link from "next/link";
import { useMemo } from "react";
import { DataTable, pagedTableProps } from "@/components/tables/data-table";
import { keysetPaging, useKeysetRows } from "@/components/tables/keyset-pages";
import { useTRPC } from "@/components/trpc/client";
import type { RouterOutputs } from "@/components/trpc/router-types";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/empty-state";
import { Select } from "@/components/ui/field";
import { FilterBar, FilterField, FilterInput } from "@/components/ui/filter-bar";
import { RelativeTime } from "@/components/ui/relative-time";
import { useAddressFilters } from "@/components/ui/use-address-filters";
import { AUDIT_KIND_FAMILIES, AUDIT_KINDS } from "@/shared/audit.kinds";
import { type AuditFilterValues, auditListInput, auditQueryOf, EMPTY_AUDIT_FILTER } from "./audit-filter";

type AuditRow = RouterOutputs["audit"]["list"]["data"][number];
const column = createColumnHelper<AuditRow>();

const ACTOR_TONES: Record<AuditRow["actor_type"], BadgeTone> = {
  admin: "brand",
  api_key: "violet",
  system: "neutral",
};
const ACTOR_LABELS: Record<AuditRow["actor_type"], string> = {
  admin: "admin",
  api_key: "API key",
  system: "system",
};

export function AuditView({ initial }: { initial: AuditFilterValues }) {
  const trpc = useTRPC();
  const { filter, setFilter, applied, filtered, set } = useAddressFilters(initial);

  const query = useInfiniteQuery(trpc.audit.list.infiniteQueryOptions(auditListInput(applied), keysetPaging));
  const { rows } = useKeysetRows(query.data);

  const columns = useMemo(
    () => [
      column.accessor("at", {
        header: "Time",
        cell: (info) => <RelativeTime iso={info.getValue()} className="whitespace-nowrap text-slate-500" />,
      }),
      column.accessor("actor_label", {
        header: "Who",
        cell: (info) => {
          const row = info.row.original;
          return (
            <span className="flex flex-col items-start gap-0.5">
              <button
                type="button"
                onClick={() =>
                  setFilter((current) => ({ ...current, actor: row.actor_id ?? row.actor_label }))
                }
                title="Show only this actor's changes"
                className="text-left font-medium text-slate-900 hover:text-brand-700"
              >
                {row.actor_label}
              </button>
              <Badge tone={ACTOR_TONES[row.actor_type]}>{ACTOR_LABELS[row.actor_type]}</Badge>
            </span>
          );
        },
      }),
      column.accessor("kind", {
        header: "What",
        cell: (info) => <code className="font-mono text-[13px] text-slate-900">{info.getValue()}</code>,
      }),
      column.accessor("object_id", {
        header: "Object",
        cell: (info) => (
          <ObjectCell
            row={info.row.original}
            onFilter={(object) => setFilter((current) => ({ ...current, object }))}
          />
        ),
      }),
      column.accessor("changes", {
        header: "Changes",
        cell: (info) => <Changes changes={info.getValue()} />,
      }),
      column.accessor("ip", {
        header: "From",
        cell: (info) => {
          const row = info.row.original;
          if (!row.ip && !row.user_agent) return <span className="text-slate-400">—</span>;
          return (
            <span className="flex max-w-48 flex-col text-xs text-slate-500">
              <span className="font-mono">{row.ip}</span>
              <span className="truncate" title={row.user_agent ?? undefined}>
                {row.user_agent}
              </span>
            </span>
          );
        },
      }),
    ],
    [setFilter],
  );
  const table = useReactTable({
    data: rows,
    columns,
    getCoreRowModel: getCoreRowModel(),
    getRowId: (row) => row.id,
  });
  const exportQuery = new URLSearchParams(auditQueryOf(applied)).toString();

  return (
    <div className="space-y-4">
      <FilterBar
        filtered={filtered}
        onClear={() => setFilter(EMPTY_AUDIT_FILTER)}
        actions={
          <a
            href={`/audit/export${exportQuery ? `?${exportQuery}` : ""}`}
            download
            className="ml-auto inline-flex items-center rounded-md bg-white px-3 py-2 text-sm font-medium text-slate-700 shadow-sm ring-1 ring-inset ring-slate-300 hover:bg-slate-50"
          >
            Export CSV
          </a>
        }
      >
        <FilterInput
          label="Who"
          id="audit-actor"
          className="w-44"
          value={filter.actor}
          onChange={set("actor")}
          placeholder="Email, key name or id"
        />
        <FilterField label="What" htmlFor="audit-kind" className="w-44">
          <Select id="audit-kind" value={filter.kind} onChange={(event) => set("kind")(event.target.value)}>
            <option value="">Every kind</option>
            {AUDIT_KIND_FAMILIES.map((family) => (
              <option key={family.value} value={family.value}>
                {family.label}
              </option>
            ))}
            {AUDIT_KINDS.map((kind) => (
              <option key={kind} value={kind}>
                {kind}
              </option>
            ))}
          </Select>
        </FilterField>
        <FilterInput
          label="Object"
          id="audit-object"
          className="w-44"
          value={filter.object}
          onChange={set("object")}
          placeholder="hook_…, key_…"
        />
        <FilterInput
          label="From"
          id="audit-from"
          className="w-48"
          value={filter.from}
          onChange={set("from")}
          type="datetime-local"
        />
        <FilterInput
          label="Until"
          id="audit-to"
          className="w-48"
          value={filter.to}
          onChange={set("to")}
          type="datetime-local"
        />
      </FilterBar>
      <DataTable
        table={table}
        label="Audit log"
        {...pagedTableProps(query, rows.length, ["change", "changes"])}
        empty={
          filtered ? (
            <EmptyState
              title="No changes match these filters"
              description="Try another actor, kind, object or time, or clear the filters."
            />
          ) : (
            <EmptyState
              title="Nothing changed yet"
              description="Changes to admins, API keys, hooks, automations, imports and settings, and deliveries sent or sent again by hand, appear here, with who made them and from where."
            />
          )
        }
      />
    </div>
  );
}

/** What the object column calls an object type, where its name alone would mislead. */
const OBJECT_TYPE_LABELS: Record<string, string> = {
  // The object of an action on deliveries is their hook (or "*" for a bulk one across hooks).
  delivery: "hook's deliveries",
};

function ObjectCell({ row, onFilter }: { row: AuditRow; onFilter: (id: string) => void }) {
  const isHook = row.object_type === "hook" || row.object_type === "delivery";
  const linkable = isHook && row.object_id.startsWith("hook_") && row.kind !== "hook.deleted";
  return (
    <span className="flex flex-col items-start">
      <span className="text-xs text-slate-500">
        {OBJECT_TYPE_LABELS[row.object_type] ?? row.object_type.replace("_", " ")}
      </span>
      <span className="flex items-center gap-2">
        {linkable ? (
          <Link href={`/hooks/${row.object_id}`} className="font-mono text-xs text-brand-700 hover:underline">
            {row.object_id}
          </Link>
        ) : (
          <span className="font-mono text-xs text-slate-700">{row.object_id}</span>
        )}
        <button
          type="button"
          onClick={() => onFilter(row.object_id)}
          className="text-xs text-slate-400 hover:text-brand-700"
          aria-label={`Show only changes to ${row.object_id}`}
        >
          filter
        </button>
      </span>
    </span>
  );
}

function show(value: unknown): string {
  if (value === null || value === undefined) return "—";
  if (typeof value === "string") return value;
  if (Array.isArray(value)) return value.map(show).join(", ");
  return JSON.stringify(value);
}

function Changes({ changes }: { changes: AuditRow["changes"] }) {
  const entries = Object.entries(changes);
  if (entries.length === 0) return <span className="text-slate-400">—</span>;
  return (
    <dl className="grid w-64 grid-cols-[auto_1fr] gap-x-2 text-xs">
      {entries.map(([field, { before, after }]) => (
        <div key={field} className="contents">
          <dt className="whitespace-nowrap font-medium text-slate-600">{field.replaceAll("_", " ")}</dt>
          <dd className="min-w-0 text-slate-700 [overflow-wrap:anywhere]">
            <span className="text-slate-400 line-through">{show(before)}</span> → {show(after)}
          </dd>
        </div>
      ))}
    </dl>
  );
}
