// Row type of `hooks`, kept in step with db/migrations by hand.
import type { ColumnType, Generated } from "kysely";
import type { EventSource, Timestamp } from "./foundation";

export type HookStatus = "pending" | "active" | "disabled";
export type HookPayloadMode = "fat" | "skinny";
/**
 * The body a hook gets: Hookline's JSON, ActiveCampaign's form body (added in 2026_12_05_07), or
 * `{"text": …}` for chat tools (the alert URL's internal hook; added in 2026_12_05_34).
 */
export type HookFormat = "json" | "activecampaign" | "text";
export type HookOnGone = "delete" | "disable";
export type HookDisabledReason = "admin" | "api" | "gone" | "failing" | "key_revoked";

/** bigint columns: read as numbers (db/index.ts installs the parser on pg and PGlite alike). */
type BigIntColumn = ColumnType<number, number | undefined, number>;

export interface HooksTable {
  id: string;
  name: string | null;
  target_url: string;
  /** Event types, or ["*"] for every contact event. */
  events: string[];
  sources: ColumnType<EventSource[], EventSource[] | undefined, EventSource[]>;
  payload: ColumnType<HookPayloadMode, HookPayloadMode | undefined, HookPayloadMode>;
  format: ColumnType<HookFormat, HookFormat | undefined, HookFormat>;
  ordered: Generated<boolean>;
  on_gone: ColumnType<HookOnGone, HookOnGone | undefined, HookOnGone>;
  status: HookStatus;
  disabled_reason: HookDisabledReason | null;
  disabled_at: Timestamp | null;
  api_key_id: string | null;
  created_by_user_id: string | null;
  secret: string;
  previous_secret: string | null;
  previous_secret_expires_at: Timestamp | null;
  next_sequence: BigIntColumn;
  delivered_count: BigIntColumn;
  failed_count: BigIntColumn;
  last_delivery_at: Timestamp | null;
  last_status_code: number | null;
  consecutive_failures: Generated<number>;
  failing_since: Timestamp | null;
  /** When the target last confirmed intent (echoed X-Hook-Secret or called activate); added in 0004. */
  verified_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** A deleted hook, as it was, and who deleted it why (written by a trigger on hooks). */
export interface HookDeletionsTable {
  id: string;
  name: string | null;
  target_url: string;
  events: string[];
  api_key_id: string | null;
  delivered_count: number;
  failed_count: number;
  created_at: Timestamp;
  reason: "deleted" | "gone";
  deleted_by: string;
  /** Defaults to now() (Timestamp already lets an insert leave it out). */
  deleted_at: Timestamp;
}
