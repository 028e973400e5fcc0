"use client";
import { useInfiniteQuery, useMutation, useQueryClient } from "@tanstack/react-query";
import { createColumnHelper, getCoreRowModel, useReactTable } from "@tanstack/react-table";
import Link from "next/link";
import { useMemo, useState } from "react";
import { deliveryOutcomeColumns } from "@/components/deliveries/delivery-columns";
import { NoneAmongLatest } from "@/components/deliveries/none-among-latest";
import { DataTable, pagedTableProps } from "@/components/tables/data-table";
import { keysetPaging, useKeysetRows } from "@/components/tables/keyset-pages";
import { useTRPC } from "@/components/trpc/client";
import { errorMessage } from "@/components/trpc/errors";
import type { RouterOutputs } from "@/components/trpc/router-types";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { EmptyState } from "@/components/ui/empty-state";
import { Select } from "@/components/ui/field";
import { FilterBar, FilterField, FilterInput } from "@/components/ui/filter-bar";
import { quantity } from "@/components/ui/quantity";
import { RelativeTime } from "@/components/ui/relative-time";
import { useAddressFilters } from "@/components/ui/use-address-filters";
import { SUBSCRIBABLE_EVENT_TYPES } from "@/shared/event.catalogue";
import { usePermission } from "../../_components/role";
import {
  DELIVERY_STATUS_OPTIONS,
  type DeliveriesFilterValues,
  type DeliveryStatusValue,
  deliveriesListInput,
  deliveriesQueryOf,
  EMPTY_DELIVERIES_FILTER,
} from "./deliveries-filter";

type LogRow = RouterOutputs["delivery"]["log"]["data"][number];
type FailedCount = RouterOutputs["delivery"]["failedCount"];
const column = createColumnHelper<LogRow>();
const link = "hover:text-brand-700 hover:underline focus-visible:outline-2 focus-visible:outline-brand-500";

export function DeliveriesView({ initial }: { initial: DeliveriesFilterValues }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { filter, setFilter, applied, filtered, set } = useAddressFilters(initial);

  const query = useInfiniteQuery(
    trpc.delivery.log.infiniteQueryOptions(deliveriesListInput(applied), { ...keysetPaging, retry: false }),
  );
  const { rows, partial } = useKeysetRows(query.data);

  const columns = useMemo(
    () => [
      column.accessor("id", {
        header: "Delivery",
        cell: (info) => (
          <span className="flex flex-col items-start">
            <Link
              href={`/hooks/${info.row.original.hook.id}/deliveries/${info.getValue()}`}
              title="Its attempts: each request and answer"
              className={`font-mono text-xs text-slate-900 ${link}`}
            >
              {info.getValue()}
            </Link>
            <RelativeTime iso={info.row.original.created_at} className="text-xs text-slate-500" />
          </span>
        ),
      }),
      column.accessor("event_type", {
        header: "Event",
        cell: (info) => {
          const row = info.row.original;
          return (
            <span className="flex flex-col items-start">
              <Link
                href={`/events/${row.event_id}`}
                title="The event, and every hook it went to"
                className={`font-mono text-[13px] text-slate-900 ${link}`}
              >
                {info.getValue()}
              </Link>
              {row.contact_id ? (
                <span className="flex items-center gap-2 text-xs">
                  <Link
                    href={`/contacts/${row.contact_id}`}
                    title={row.contact_id}
                    className={`max-w-48 truncate text-slate-500 ${row.contact_email ? "" : "font-mono"} ${link}`}
                  >
                    {row.contact_email ?? row.contact_id}
                  </Link>
                  <FilterButton
                    label={`Show only deliveries about ${row.contact_email ?? row.contact_id}`}
                    onClick={() => setFilter((current) => ({ ...current, contact: row.contact_id ?? "" }))}
                  />
                </span>
              ) : null}
            </span>
          );
        },
      }),
      column.accessor("hook", {
        header: "Hook",
        cell: (info) => {
          const hook = info.getValue();
          return (
            <span className="flex w-44 max-w-44 flex-col items-start">
              <Link
                href={`/hooks/${hook.id}`}
                className={`max-w-full truncate text-slate-900 ${link}`}
                title={hook.target_url}
              >
                {hook.name ?? hook.target_url}
              </Link>
              <span className="flex max-w-full items-center gap-2 text-xs">
                <span className="truncate font-mono text-slate-500" title={hook.id}>
                  {hook.name ? hook.target_url.replace(/^https?:\/\//, "") : hook.id}
                </span>
                <FilterButton
                  label={`Show only deliveries to ${hook.id}`}
                  onClick={() => setFilter((current) => ({ ...current, hook: hook.id }))}
                />
              </span>
            </span>
          );
        },
      }),
      ...deliveryOutcomeColumns<LogRow>((row) => row.hook.id),
    ],
    [setFilter],
  );
  const table = useReactTable({
    data: rows,
    columns,
    getCoreRowModel: getCoreRowModel(),
    getRowId: (row) => row.id,
  });

  return (
    <div className="space-y-4">
      <FilterBar
        filtered={filtered}
        onClear={() => setFilter(EMPTY_DELIVERIES_FILTER)}
        actions={
          <div className="w-full sm:ml-auto sm:w-auto">
            <RedeliverFailed
              filter={applied}
              onDone={() => queryClient.invalidateQueries(trpc.delivery.pathFilter())}
            />
          </div>
        }
      >
        <FilterField label="Status" htmlFor="deliveries-status" className="w-full sm:w-36">
          <Select
            id="deliveries-status"
            value={filter.status}
            onChange={(event) => set("status")(event.target.value as DeliveryStatusValue)}
          >
            <option value="">Any status</option>
            {DELIVERY_STATUS_OPTIONS.map((option) => (
              <option key={option.value} value={option.value}>
                {option.label}
              </option>
            ))}
          </Select>
        </FilterField>
        <FilterField label="Event" htmlFor="deliveries-event" className="w-full sm:w-52">
          <Select
            id="deliveries-event"
            value={filter.event}
            onChange={(event) => set("event")(event.target.value)}
          >
            <option value="">Any event</option>
            {[...SUBSCRIBABLE_EVENT_TYPES, "hook.ping"].map((type) => (
              <option key={type} value={type}>
                {type}
              </option>
            ))}
          </Select>
        </FilterField>
        <FilterInput
          label="Hook"
          id="deliveries-hook"
          className="w-full sm:w-44"
          value={filter.hook}
          onChange={set("hook")}
          placeholder="hook_…"
        />
        <FilterInput
          label="Contact"
          id="deliveries-contact"
          className="w-full sm:w-44"
          value={filter.contact}
          onChange={set("contact")}
          placeholder="Email or ctc_…"
        />
        <FilterInput
          label="From"
          id="deliveries-from"
          className="w-full sm:w-52"
          value={filter.from}
          onChange={set("from")}
          type="datetime-local"
        />
        <FilterInput
          label="Until"
          id="deliveries-to"
          className="w-full sm:w-52"
          value={filter.to}
          onChange={set("to")}
          type="datetime-local"
        />
      </FilterBar>
      <DataTable
        table={table}
        label="Deliveries"
        {...pagedTableProps(query, rows.length, ["delivery", "deliveries"])}
        empty={
          partial ? (
            <NoneAmongLatest onSearchOlder={() => void query.fetchNextPage()} />
          ) : filtered ? (
            <EmptyState
              title="No deliveries match"
              description="Try another status, event, hook, contact or time, or clear the filters."
            />
          ) : (
            <EmptyState
              title="No deliveries yet"
              description="Each contact change a hook listens for becomes a delivery here."
            />
          )
        }
      />
    </div>
  );
}

/**
 * "Redeliver failed…": counts the failures the filter matches, asks with that number, and only then
 * sends them again; the server checks the filter afresh when it runs.
 */
function RedeliverFailed({ filter, onDone }: { filter: DeliveriesFilterValues; onDone: () => unknown }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const permission = usePermission("deliveries.write");
  const [asking, setAsking] = useState<{ filter: DeliveriesFilterValues; count: FailedCount } | null>(null);
  const count = useMutation({
    mutationFn: (values: DeliveriesFilterValues) =>
      queryClient.fetchQuery(
        trpc.delivery.failedCount.queryOptions(
          { filter: deliveriesQueryOf(values) },
          { staleTime: 0, retry: false },
        ),
      ),
    onSuccess: (answer, values) => (answer.count > 0 ? setAsking({ filter: values, count: answer }) : null),
  });
  const redeliver = useMutation(
    trpc.delivery.redeliverFailed.mutationOptions({
      onSuccess: () => {
        setAsking(null);
        return onDone();
      },
    }),
  );
  const n = asking?.count.count ?? 0;
  return (
    <div className="flex flex-col items-stretch gap-2 sm:items-end">
      <Button
        variant="secondary"
        disabled={count.isPending || !permission.allowed}
        title={permission.reason}
        onClick={() => {
          redeliver.reset();
          count.mutate(filter);
        }}
      >
        {count.isPending ? "Counting…" : "Redeliver failed…"}
      </Button>
      {count.error ? <Alert tone="error">{errorMessage(count.error)}</Alert> : null}
      {count.data?.count === 0 && !asking && !redeliver.data ? (
        <Alert tone="info">No failed deliveries match these filters.</Alert>
      ) : null}
      {redeliver.data ? (
        <Alert tone="success">
          {quantity(redeliver.data.requeued, "delivery", "deliveries")} queued again
          {redeliver.data.capped ? "; more remain — run it again for the rest." : "."}
        </Alert>
      ) : null}
      <ConfirmDialog
        open={asking !== null}
        title={`Redeliver ${quantity(n, "failed delivery", "failed deliveries")}?`}
        confirmLabel={`Redeliver ${quantity(n, "delivery", "deliveries")}`}
        pendingLabel="Queuing…"
        tone="primary"
        pending={redeliver.isPending}
        error={redeliver.error ? errorMessage(redeliver.error) : null}
        onConfirm={() => asking && redeliver.mutate({ filter: deliveriesQueryOf(asking.filter) })}
        onClose={() => setAsking(null)}
      >
        {asking?.count.capped ? (
          <p className="mb-2">
            More than {asking.count.cap.toLocaleString("en")} failed deliveries match: these{" "}
            {asking.count.cap.toLocaleString("en")} go now; run it again for the rest.
          </p>
        ) : null}
        <p>
          Every failed delivery these filters match goes out again at once, with its original webhook-id, so a
          receiver that already has it can tell.
        </p>
      </ConfirmDialog>
    </div>
  );
}

function FilterButton({ label, onClick }: { label: string; onClick: () => void }) {
  return (
    <button
      type="button"
      onClick={onClick}
      aria-label={label}
      className="text-slate-400 hover:text-brand-700"
    >
      filter
    </button>
  );
}
