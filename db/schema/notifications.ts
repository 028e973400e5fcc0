// Row type of `notification_reads`, kept in step with db/migrations (2026_12_05_34) by hand.
import type { Timestamp } from "./foundation";

/** One notification (an operational event's id) an admin marked read above their watermark. */
export interface NotificationReadsTable {
  user_id: string;
  event_id: string;
  read_at: Timestamp;
}
