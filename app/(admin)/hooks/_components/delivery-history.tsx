"use client";
import { useInfiniteQuery } from "@tanstack/react-query";
import { createColumnHelper, getCoreRowModel, useReactTable } from "@tanstack/react-table";
import Link from "next/link";
import { useMemo, useState } from "react";
import { deliveryOutcomeColumns } from "@/components/deliveries/delivery-columns";
import { NoneAmongLatest } from "@/components/deliveries/none-among-latest";
import { DataTable, pagedTableProps } from "@/components/tables/data-table";
import { keysetPaging, useKeysetRows } from "@/components/tables/keyset-pages";
import { useTRPC } from "@/components/trpc/client";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { Field, Select } from "@/components/ui/field";
import { RelativeTime } from "@/components/ui/relative-time";
import { SUBSCRIBABLE_EVENT_TYPES } from "@/shared/event.catalogue";
import { type DeliveryStatusFilter, historyInput } from "./history-input";
import type { DeliveryRow } from "./types";

/** While the page is open the newest deliveries appear by themselves. */
const LIVE_MS = 2_000;

const column = createColumnHelper<DeliveryRow>();

export function DeliveryHistory({ hookId }: { hookId: string }) {
  const trpc = useTRPC();
  const [status, setStatus] = useState<DeliveryStatusFilter>("");
  const [eventType, setEventType] = useState("");
  const query = useInfiniteQuery(
    trpc.delivery.history.infiniteQueryOptions(historyInput(hookId, status, eventType), {
      ...keysetPaging,
      refetchInterval: LIVE_MS,
    }),
  );
  const { rows, partial } = useKeysetRows(query.data);

  const columns = useMemo(
    () => [
      column.accessor("id", {
        header: "Delivery",
        cell: (info) => (
          <Link
            href={`/hooks/${hookId}/deliveries/${info.getValue()}`}
            className="font-mono text-xs text-slate-900 hover:text-brand-700 focus-visible:outline-2 focus-visible:outline-brand-500"
          >
            {info.getValue()}
          </Link>
        ),
      }),
      column.accessor("event_type", {
        header: "Event",
        cell: (info) => (
          <span className="flex flex-col">
            <Link
              href={`/events/${info.row.original.event_id}`}
              title="The event, and every hook it went to"
              className="font-mono text-[13px] text-slate-900 hover:text-brand-700 focus-visible:outline-2 focus-visible:outline-brand-500"
            >
              {info.getValue()}
            </Link>
            <span className="text-xs text-slate-500">sequence {info.row.original.sequence}</span>
          </span>
        ),
      }),
      ...deliveryOutcomeColumns<DeliveryRow>(() => hookId),
      column.accessor("created_at", {
        header: "Created",
        meta: { className: "text-right whitespace-nowrap" },
        cell: (info) => <RelativeTime iso={info.getValue()} className="text-slate-500" />,
      }),
    ],
    [hookId],
  );
  const table = useReactTable({
    data: rows,
    columns,
    getCoreRowModel: getCoreRowModel(),
    getRowId: (row) => row.id,
  });
  const filtered = status !== "" || eventType !== "";

  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-end gap-3">
        <div className="w-40">
          <Field label="Status" htmlFor="delivery-status">
            <Select
              id="delivery-status"
              value={status}
              onChange={(event) => setStatus(event.target.value as DeliveryStatusFilter)}
            >
              <option value="">Any status</option>
              <option value="pending">Queued</option>
              <option value="delivered">Delivered</option>
              <option value="failed">Failed</option>
              <option value="cancelled">Cancelled</option>
            </Select>
          </Field>
        </div>
        <div className="w-56">
          <Field label="Event type" htmlFor="delivery-event">
            <Select
              id="delivery-event"
              value={eventType}
              onChange={(event) => setEventType(event.target.value)}
            >
              <option value="">Any event</option>
              {[...SUBSCRIBABLE_EVENT_TYPES, "hook.ping"].map((type) => (
                <option key={type} value={type}>
                  {type}
                </option>
              ))}
            </Select>
          </Field>
        </div>
        {filtered ? (
          <Button
            variant="ghost"
            onClick={() => {
              setStatus("");
              setEventType("");
            }}
          >
            Clear filters
          </Button>
        ) : null}
        <span className="ml-auto flex items-center gap-1.5 pb-2 text-xs text-slate-500">
          <span className="relative flex h-2 w-2">
            <span className="absolute inline-flex h-full w-full animate-ping rounded-full bg-emerald-400 opacity-60" />
            <span className="relative inline-flex h-2 w-2 rounded-full bg-emerald-500" />
          </span>
          Live
        </span>
      </div>
      <DataTable
        table={table}
        label="Delivery history"
        {...pagedTableProps(query, rows.length, ["delivery", "deliveries"])}
        rowHref={(row) => `/hooks/${hookId}/deliveries/${row.id}`}
        empty={
          partial ? (
            <NoneAmongLatest onSearchOlder={() => void query.fetchNextPage()} />
          ) : filtered ? (
            <EmptyState title="No deliveries match" description="Try another status or event type." />
          ) : (
            <EmptyState
              title="No deliveries yet"
              description="Each matching contact change becomes a delivery here, live. Ping the hook to send a test one."
            />
          )
        }
      />
    </div>
  );
}
