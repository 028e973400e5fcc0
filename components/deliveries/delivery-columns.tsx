// The columns every list of deliveries shares — its state (with where a pending one stands), the
// receiver's last answer, and how many attempts — for a hook's history, an event's deliveries and
// the delivery log alike.
import { type ColumnDef, createColumnHelper } from "@tanstack/react-table";
import type { PendingState } from "@/shared/pending-state";
import { StatusCode } from "./delivery-badges";
import { DeliveryState } from "./pending-note";

interface OutcomeRow {
  status: string;
  next_attempt_at: string | null;
  queue: PendingState;
  last_status_code: number | null;
  attempt_count: number;
}

// biome-ignore lint/suspicious/noExplicitAny: columns of differing value types, as useReactTable takes them
type AnyColumn<Row> = ColumnDef<Row, any>;

export function deliveryOutcomeColumns<Row extends OutcomeRow>(
  hookIdOf: (row: Row) => string,
): AnyColumn<Row>[] {
  const column = createColumnHelper<Row>();
  return [
    column.accessor((row) => row.status, {
      id: "status",
      header: "Status",
      cell: (info) => {
        const row = info.row.original;
        return (
          <DeliveryState
            hookId={hookIdOf(row)}
            status={row.status}
            nextAttemptAt={row.next_attempt_at}
            queue={row.queue}
          />
        );
      },
    }),
    column.accessor((row) => row.last_status_code, {
      id: "last_status_code",
      header: "Answer",
      cell: (info) => <StatusCode code={info.getValue()} />,
    }),
    column.accessor((row) => row.attempt_count, {
      id: "attempt_count",
      header: "Attempts",
      meta: { className: "text-right tabular-nums" },
      cell: (info) => <span data-testid="attempt-count">{info.getValue()}</span>,
    }),
  ] as AnyColumn<Row>[];
}
