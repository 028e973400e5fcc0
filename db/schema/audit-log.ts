import type { ColumnType, Generated } from "kysely";
import type { Timestamp } from "./foundation";

export type AuditActorType = "admin" | "api_key" | "system";

/** {"field": {"before": …, "after": …}} of the fields a change touched. */
export type AuditChanges = Record<string, { before: unknown; after: unknown }>;

export interface AuditLogTable {
  /** bigint: pg hands it back as a string. */
  id: ColumnType<string, never, never>;
  at: Generated<Timestamp>;
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
