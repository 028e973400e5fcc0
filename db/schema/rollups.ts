// Row types of `delivery_rollups` and `event_rollups`, kept in step with db/migrations by hand.
import type { EventSource, Timestamp } from "./foundation";

export interface DeliveryRollupsTable {
  /** A hook's id, or '*' for all hooks together. */
  hook_id: string;
  minute: Timestamp;
  attempts: number;
  delivered: number;
  failed: number;
  latency_sum_ms: number;
  latency_buckets: number[];
}

export interface EventRollupsTable {
  minute: Timestamp;
  source: EventSource;
  count: number;
}
