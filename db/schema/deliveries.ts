// Row types of `deliveries` and `delivery_attempts`, kept in step with db/migrations by hand.
import type { ColumnType, Generated } from "kysely";
import type { Timestamp } from "./foundation";

export type DeliveryStatus = "pending" | "delivered" | "failed" | "cancelled";

type BigIntColumn = ColumnType<number, number | undefined, number>;
type JsonObject = ColumnType<Record<string, string>, string, string>;

export interface DeliveriesTable {
  id: string;
  hook_id: string;
  event_id: string;
  sequence: BigIntColumn;
  status: DeliveryStatus;
  attempt_count: Generated<number>;
  /** Failed attempts since the delivery was last (re)queued: the index into the retry schedule. */
  retry_step: Generated<number>;
  /** When a pending delivery is due; while leased, the lease's expiry. */
  next_attempt_at: Timestamp | null;
  lease_id: string | null;
  lease_expires_at: Timestamp | null;
  last_status_code: number | null;
  last_error: string | null;
  created_at: Generated<Date>;
  delivered_at: Timestamp | null;
  /** When it last became delivered, failed or cancelled. */
  finished_at: Timestamp | null;
}

export interface DeliveryAttemptsTable {
  delivery_id: string;
  number: number;
  started_at: Timestamp;
  duration_ms: number;
  status_code: number | null;
  error: string | null;
  request_headers: JsonObject;
  /** With `"data":null` where the event's payload went out, when request_data_from_event. */
  request_body: string;
  request_data_from_event: Generated<boolean>;
  response_headers: ColumnType<Record<string, string> | null, string | null, string | null>;
  response_body: string | null;
}
