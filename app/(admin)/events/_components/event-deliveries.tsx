"use client";
import { useInfiniteQuery } from "@tanstack/react-query";
import { createColumnHelper, getCoreRowModel, useReactTable } from "@tanstack/react-table";
import Link from "next/link";
import { deliveryOutcomeColumns } from "@/components/deliveries/delivery-columns";
import { DataTable, pagedTableProps } from "@/components/tables/data-table";
import { keysetPaging, useKeysetRows } from "@/components/tables/keyset-pages";
import { useTRPC } from "@/components/trpc/client";
import type { RouterOutputs } from "@/components/trpc/router-types";
import { ButtonLink } from "@/components/ui/button-link";
import { EmptyState } from "@/components/ui/empty-state";

type EventDelivery = RouterOutputs["delivery"]["forEvent"]["data"][number];

const LIVE_MS = 2_000;

const column = createColumnHelper<EventDelivery>();

const deliveryHref = (delivery: EventDelivery) => `/hooks/${delivery.hook.id}/deliveries/${delivery.id}`;

const columns = [
  column.accessor("hook", {
    header: "Hook",
    cell: (info) => {
      const hook = info.getValue();
      return (
        <span className="flex min-w-0 flex-col">
          <Link
            href={deliveryHref(info.row.original)}
            className="font-medium text-slate-900 hover:text-brand-700 focus-visible:outline-2 focus-visible:outline-brand-500"
          >
            {hook.name ?? hook.target_url}
          </Link>
          {hook.name ? (
            <span className="truncate font-mono text-xs text-slate-500">{hook.target_url}</span>
          ) : null}
        </span>
      );
    },
  }),
  ...deliveryOutcomeColumns<EventDelivery>((row) => row.hook.id),
  column.accessor("sequence", {
    header: "Sequence",
    meta: { className: "text-right tabular-nums text-slate-500" },
    cell: (info) => info.getValue(),
  }),
  column.accessor("id", {
    header: "Delivery",
    meta: { className: "text-right" },
    cell: (info) => <span className="font-mono text-xs text-slate-500">{info.getValue()}</span>,
  }),
];

/**
 * Live until nothing on the page can change by itself: the event is fanned out and no delivery
 * shown is pending (a redelivery from elsewhere shows on the next focus or visit).
 */
function settled(
  pages: ReadonlyArray<{ fanned_out: boolean; data: ReadonlyArray<{ status: string }> }>,
): boolean {
  return (
    pages[0]?.fanned_out === true && pages.every((page) => page.data.every((row) => row.status !== "pending"))
  );
}

export function EventDeliveries({ eventId }: { eventId: string }) {
  const trpc = useTRPC();
  const query = useInfiniteQuery(
    trpc.delivery.forEvent.infiniteQueryOptions(
      { eventId },
      {
        ...keysetPaging,
        refetchInterval: (q) => (settled(q.state.data?.pages ?? []) ? false : LIVE_MS),
      },
    ),
  );
  const { rows } = useKeysetRows(query.data);

  const table = useReactTable({
    data: rows,
    columns,
    getCoreRowModel: getCoreRowModel(),
    getRowId: (row) => row.id,
  });

  return (
    <DataTable
      table={table}
      label="Deliveries of this event"
      {...pagedTableProps(query, rows.length, ["delivery", "deliveries"])}
      rowHref={deliveryHref}
      empty={
        query.data?.pages[0]?.fanned_out !== false ? (
          <EmptyState
            title="No hook received this event"
            description="No active hook was subscribed to this type and source when it happened, or the hooks it went to were deleted since."
            action={
              <ButtonLink href="/hooks" variant="secondary">
                See hooks
              </ButtonLink>
            }
          />
        ) : (
          <EmptyState
            title="About to go out"
            description="The delivery loop has not made its deliveries yet."
          />
        )
      }
    />
  );
}
