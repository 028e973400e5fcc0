import type { ColumnType } from "kysely";

export type AuditActorType = "admin" | "api_key" | "system";

/** {"field": {"before": …, "after": …}} of the fields a change touched. */
export type AuditChanges = Record<string, { before: unknown; after: unknown }>;

export interface AuditLogTable {
  /** bigint: pg hands it back as a string. */
  id: ColumnType<string, never, never>;
  /** Defaults to now(): the time of the change's transaction. */
  at: ColumnType<Date, Date | string | undefined, Date | string>;
  actor_type: AuditActorType;
  actor_id: string | null;
  actor_label: string;
  kind: string;
  object_type: string;
  object_id: string;
  changes: ColumnType<AuditChanges, string | undefined, string>;
  ip: string | null;
  user_agent: string | null;
}
