"use client";
import { useInfiniteQuery } from "@tanstack/react-query";
import { createColumnHelper, getCoreRowModel, useReactTable } from "@tanstack/react-table";
import Link from "next/link";
import { type ReactNode, useMemo } from "react";
import { useTRPC } from "@/components/trpc/client";
import type { RouterInputs, RouterOutputs } from "@/components/trpc/router-types";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { RelativeTime } from "@/components/ui/relative-time";
import { DataTable, pagedTableProps } from "./data-table";
import { keysetPaging, useKeysetRows } from "./keyset-pages";

export type EventRow = RouterOutputs["event"]["list"]["data"][number];
export type EventListInput = RouterInputs["event"]["list"];

const SOURCE_TONES: Record<string, BadgeTone> = {
  admin: "brand",
  api: "violet",
  public: "green",
  system: "neutral",
};

export function SourceBadge({ source }: { source: string }) {
  return <Badge tone={SOURCE_TONES[source] ?? "neutral"}>{source}</Badge>;
}

/** What a tag or status event changed, in a few words; updates list the changed fields. */
export function eventSummary(event: Pick<EventRow, "type" | "detail" | "test">): string | null {
  const summary = changeSummary(event);
  // A test event's contact is made up: say so before anything else.
  return event.test ? ["test example", summary].filter(Boolean).join(" · ") : summary;
}

function changeSummary(event: Pick<EventRow, "type" | "detail">): string | null {
  const detail = event.detail;
  if (!detail) return null;
  if (typeof detail.tag === "string") return detail.tag;
  const previous = detail.previous;
  if (previous && typeof previous === "object") {
    if (event.type === "contact.updated")
      return `changed ${Object.keys(previous).join(", ").replaceAll("_", " ")}`;
    const status = (previous as { status?: unknown }).status;
    if (typeof status === "string") return `was ${status}`;
  }
  return null;
}

const column = createColumnHelper<EventRow>();

/**
 * Newest first, keyset-paged. `showContact` is off on a contact's own page, where it says nothing;
 * `refreshMs` polls for new events (a contact's page shows what automations and the API do to it).
 */
export function EventsTable({
  input,
  showContact = true,
  empty,
  refreshMs,
}: {
  input: Omit<EventListInput, "cursor">;
  showContact?: boolean;
  empty: ReactNode;
  refreshMs?: number;
}) {
  const trpc = useTRPC();
  const query = useInfiniteQuery(
    trpc.event.list.infiniteQueryOptions(input, {
      ...keysetPaging,
      ...(refreshMs ? { refetchInterval: refreshMs, refetchIntervalInBackground: false } : {}),
    }),
  );
  const { rows } = useKeysetRows(query.data);

  const columns = useMemo(
    () => [
      column.accessor("type", {
        header: "Event",
        cell: (info) => {
          const summary = eventSummary(info.row.original);
          return (
            <span className="flex flex-col">
              <Link
                href={`/events/${info.row.original.id}`}
                className="font-mono text-[13px] text-slate-900 hover:text-brand-700 focus-visible:outline-2 focus-visible:outline-brand-500"
              >
                {info.getValue()}
              </Link>
              {summary ? <span className="text-xs text-slate-500">{summary}</span> : null}
            </span>
          );
        },
      }),
      column.accessor("source", {
        header: "Source",
        cell: (info) => <SourceBadge source={info.getValue()} />,
      }),
      column.accessor("actor", {
        header: "Initiated by",
        cell: (info) => <span className="text-slate-600">{info.getValue()}</span>,
      }),
      ...(showContact
        ? [
            column.accessor("contact_email", {
              header: "Contact",
              cell: (info) => {
                const event = info.row.original;
                const email = info.getValue() ?? event.contact_id ?? "—";
                if (event.contact_id && event.contact_exists) {
                  return (
                    <Link
                      href={`/contacts/${event.contact_id}`}
                      className="font-medium text-brand-700 hover:underline focus-visible:outline-2 focus-visible:outline-brand-500"
                    >
                      {email}
                    </Link>
                  );
                }
                return (
                  <span
                    className="text-slate-500"
                    title={event.contact_id ? "This contact was deleted." : undefined}
                  >
                    {email}
                  </span>
                );
              },
            }),
          ]
        : []),
      column.accessor("created_at", {
        header: "Time",
        meta: { className: "text-right whitespace-nowrap" },
        cell: (info) => <RelativeTime iso={info.getValue()} className="text-slate-500" />,
      }),
    ],
    [showContact],
  );

  const table = useReactTable({
    data: rows,
    columns,
    getCoreRowModel: getCoreRowModel(),
    getRowId: (row) => row.id,
  });

  return (
    <DataTable
      table={table}
      label="Events"
      {...pagedTableProps(query, rows.length, ["event", "events"])}
      rowHref={(row) => `/events/${row.id}`}
      empty={empty}
    />
  );
}
