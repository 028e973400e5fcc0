"use client";
import { keepPreviousData, useInfiniteQuery, useQuery } from "@tanstack/react-query";
import { createColumnHelper, getCoreRowModel, useReactTable } from "@tanstack/react-table";
import Link from "next/link";
import { useMemo } from "react";
import { formatRate } from "@/components/charts/palette";
import { Sparkline } from "@/components/charts/sparkline";
import { StatusCode } from "@/components/deliveries/delivery-badges";
import { disabledReasonText } from "@/components/hooks/disabled-reason";
import { formatPending, HookStatusBadge } from "@/components/hooks/hook-badges";
import { hookEventsText, hookTitle } from "@/components/hooks/hook-title";
import { DataTable, pagedTableProps } from "@/components/tables/data-table";
import { keysetPaging, useKeysetRows } from "@/components/tables/keyset-pages";
import { useTRPC } from "@/components/trpc/client";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { Input, Select } from "@/components/ui/field";
import { FilterBar, FilterField } from "@/components/ui/filter-bar";
import { quantity } from "@/components/ui/quantity";
import { RelativeTime } from "@/components/ui/relative-time";
import { TotalCount } from "@/components/ui/total-count";
import { useAddressFilters } from "@/components/ui/use-address-filters";
import { SUBSCRIBABLE_EVENT_TYPES } from "@/shared/event.catalogue";
import { PermittedLink } from "../../_components/role";
import { HookActions } from "./hook-actions";
import { type HooksFilter, hooksListInput } from "./hooks-filter";
import type { HookAdmin } from "./types";

const REFRESH_MS = 10_000;
/** The search box's text waits for typing to stop; a status or an event applies at once. */
const TYPED = ["q"] as const;
type Sparklines = Record<
  string,
  {
    attempts: number;
    delivered: number;
    success_rate: number | null;
    hourly: Array<{ attempts: number; delivered: number }>;
  }
>;

const column = createColumnHelper<HookAdmin>();

function buildColumns(sparklines: Sparklines | undefined) {
  return [
    column.accessor("target_url", {
      header: "Hook",
      cell: (info) => {
        const hook = info.row.original;
        return (
          // The whole address wraps rather than being cut: hooks often differ only at its end.
          <span className="flex w-64 flex-col">
            <Link
              href={`/hooks/${hook.id}`}
              className="font-medium break-words text-slate-900 hover:text-brand-700 focus-visible:rounded-sm focus-visible:outline-2 focus-visible:outline-brand-500"
            >
              {hookTitle(hook)}
            </Link>
            <span className="font-mono text-xs break-all text-slate-500">{hook.target_url}</span>
          </span>
        );
      },
    }),
    column.accessor("owner", {
      header: "Owner",
      cell: (info) => {
        const owner = info.getValue();
        return (
          <span className="flex flex-col">
            <span className="max-w-32 truncate" title={owner.name}>
              {owner.name}
            </span>
            <span className="text-xs text-slate-500">
              {owner.kind === "api_key" ? (owner.revoked ? "API key (revoked)" : "API key") : "Admin"}
            </span>
          </span>
        );
      },
    }),
    column.accessor("events", {
      header: "Events",
      cell: (info) => {
        const hook = info.row.original;
        const events = info.getValue();
        const shown = events.includes("*") ? ["All events"] : events.slice(0, 2);
        const hidden = events.includes("*") ? 0 : events.length - shown.length;
        return (
          <span className="flex flex-col gap-1" title={hookEventsText(events)}>
            <span className="flex flex-wrap gap-1">
              {shown.map((event) => (
                <Badge key={event} tone="brand" className="font-mono">
                  {event}
                </Badge>
              ))}
              {hidden > 0 ? <Badge>+{hidden}</Badge> : null}
            </span>
            <span className="text-xs text-slate-500">
              {hook.sources.length === 4 ? "all sources" : hook.sources.join(", ")} · {hook.payload}
              {hook.ordered ? " · ordered" : ""}
            </span>
          </span>
        );
      },
    }),
    column.accessor("status", {
      header: "Status",
      cell: (info) => {
        const hook = info.row.original;
        return (
          <span className="flex flex-col items-start gap-0.5">
            <HookStatusBadge status={hook.status} reason={hook.disabled_reason} />
            {hook.status === "disabled" ? (
              <span className="text-xs text-slate-500">{disabledReasonText(hook.disabled_reason)}</span>
            ) : hook.stats.consecutive_failures > 0 ? (
              <span className="text-xs text-red-600">{hook.stats.consecutive_failures} failing in a row</span>
            ) : null}
          </span>
        );
      },
    }),
    column.display({
      id: "health",
      header: "Last 24 h",
      meta: { className: "whitespace-nowrap" },
      cell: (info) => {
        const hook = info.row.original;
        const line = sparklines?.[hook.id];
        if (!line) return <span className="text-slate-400">…</span>;
        const rate = line.success_rate;
        return (
          <span className="flex items-center gap-2">
            <Sparkline
              points={line.hourly}
              label={`${quantity(line.attempts, "attempt")} in 24 hours, ${formatRate(rate)} delivered`}
            />
            <span
              className={`w-12 text-right text-xs font-medium tabular-nums ${
                rate === null
                  ? "text-slate-400"
                  : rate >= 0.99
                    ? "text-emerald-700"
                    : rate >= 0.9
                      ? "text-amber-700"
                      : "text-red-700"
              }`}
              data-testid="success-rate"
            >
              {formatRate(rate)}
            </span>
          </span>
        );
      },
    }),
    column.display({
      id: "last",
      header: "Last delivery",
      meta: { className: "whitespace-nowrap" },
      cell: (info) => {
        const stats = info.row.original.stats;
        return (
          <span className="flex flex-col gap-0.5">
            {stats.last_delivery_at ? (
              <span className="flex items-center gap-2">
                <StatusCode code={stats.last_status_code} />
                <RelativeTime iso={stats.last_delivery_at} className="text-xs text-slate-500" />
              </span>
            ) : (
              <span className="text-slate-400">Never</span>
            )}
            <span
              className={`text-xs tabular-nums ${stats.pending > 0 ? "font-medium text-amber-700" : "text-slate-400"}`}
              data-testid="pending-count"
            >
              {formatPending(stats.pending)} queued
            </span>
          </span>
        );
      },
    }),
    column.display({
      id: "actions",
      header: () => <span className="sr-only">Actions</span>,
      meta: { className: "text-right" },
      cell: (info) => <HookActions hook={info.row.original} compact />,
    }),
  ];
}

export function HooksView({ initial }: { initial: HooksFilter }) {
  const trpc = useTRPC();
  const { filter, setFilter, applied, filtered: changed, set } = useAddressFilters(initial, { typed: TYPED });
  const input = hooksListInput(applied);
  const filtered = "q" in input || "status" in input || "event" in input;

  const query = useInfiniteQuery(
    trpc.hook.list.infiniteQueryOptions(input, { ...keysetPaging, refetchInterval: REFRESH_MS }),
  );
  const { rows } = useKeysetRows(query.data);
  const { limit: _limit, ...countFilter } = input;
  const total = useQuery(
    trpc.hook.count.queryOptions(countFilter, {
      placeholderData: keepPreviousData,
      refetchInterval: REFRESH_MS,
    }),
  );
  const hookIds = useMemo(() => rows.map((row) => row.id).slice(0, 100), [rows]);
  const sparklines = useQuery({
    ...trpc.dashboard.hookSparklines.queryOptions({ hookIds }),
    enabled: hookIds.length > 0,
    placeholderData: keepPreviousData,
    refetchInterval: REFRESH_MS,
  });
  const columns = useMemo(() => buildColumns(sparklines.data), [sparklines.data]);
  const table = useReactTable({
    data: rows,
    columns,
    getCoreRowModel: getCoreRowModel(),
    getRowId: (row) => row.id,
  });

  function clear() {
    setFilter({ q: "", status: "", event: "" });
  }

  return (
    <div className="space-y-4">
      <FilterBar filtered={changed} onClear={clear}>
        <FilterField label="Search" htmlFor="hook-search" className="min-w-64 flex-1 sm:max-w-sm">
          <Input
            id="hook-search"
            type="search"
            value={filter.q}
            onChange={(e) => set("q")(e.target.value)}
            placeholder="Name or any part of the URL"
            autoComplete="off"
            spellCheck={false}
          />
        </FilterField>
        <FilterField label="Status" htmlFor="hook-status" className="w-40">
          <Select id="hook-status" value={filter.status} onChange={(e) => set("status")(e.target.value)}>
            <option value="">Any status</option>
            <option value="active">Active</option>
            <option value="pending">Unconfirmed</option>
            <option value="disabled">Disabled</option>
          </Select>
        </FilterField>
        <FilterField label="Event" htmlFor="hook-event" className="w-56">
          <Select id="hook-event" value={filter.event} onChange={(e) => set("event")(e.target.value)}>
            <option value="">Any event</option>
            {SUBSCRIBABLE_EVENT_TYPES.map((type) => (
              <option key={type} value={type}>
                {type}
              </option>
            ))}
          </Select>
        </FilterField>
      </FilterBar>
      <TotalCount total={total.data} noun={filtered ? "matching hook" : "hook"} testId="hooks-total" />
      <DataTable
        table={table}
        label="Hooks"
        {...pagedTableProps(query, rows.length, ["hook", "hooks"])}
        rowHref={(hook) => `/hooks/${hook.id}`}
        empty={
          filtered ? (
            <EmptyState
              title="No hooks match"
              description="Search looks for the text anywhere in a hook's name or URL. Try fewer letters or clear the filters."
              action={
                <Button variant="secondary" onClick={clear}>
                  Clear filters
                </Button>
              }
            />
          ) : (
            <EmptyState
              title="No hooks yet"
              description="A hook sends every matching contact change to a URL. Create one here, or let an integrator subscribe with POST /api/v1/hooks."
              action={
                <PermittedLink action="hooks.write" href="/hooks/new">
                  New hook
                </PermittedLink>
              }
            />
          )
        }
      />
    </div>
  );
}
