// Row types of app_secrets, public_rate_limits, imports and automations, kept in step with
// db/migrations/2026_11_28_0005_imports_automations.ts by hand.
import type { ColumnType, Generated } from "kysely";
import type { ContactStatus, Timestamp } from "./foundation";

export interface AppSecretsTable {
  name: string;
  value: string;
  created_at: Generated<Date>;
}

export interface PublicRateLimitsTable {
  key: string;
  window_start: Timestamp;
  hits: number;
}

export type ImportStatus = "draft" | "queued" | "running" | "completed" | "failed";
export type ImportMode = "create_update" | "create_only";
export interface ImportColumnMapping {
  /** The CSV header as written in the file. */
  column: string;
  /** "email", "first_name", "last_name", "phone", "status", "tags", "field:<name>" or "ignore". */
  field: string;
}

export interface ImportsTable {
  id: string;
  file_name: string;
  file_size: number;
  file: string;
  status: ImportStatus;
  mode: ImportMode | null;
  mapping: ColumnType<ImportColumnMapping[] | null, string | null, string | null>;
  total_rows: number;
  processed_rows: Generated<number>;
  created_count: Generated<number>;
  updated_count: Generated<number>;
  skipped_count: Generated<number>;
  rejected_count: Generated<number>;
  error: string | null;
  lease_owner: string | null;
  lease_until: Timestamp | null;
  created_by: string | null;
  created_at: Timestamp;
  started_at: Timestamp | null;
  finished_at: Timestamp | null;
  updated_at: Timestamp;
}

export interface ImportRejectionsTable {
  import_id: string;
  row_number: number;
  reason: string;
  /** The row as read from the file: {header: cell}. */
  data: ColumnType<Record<string, string>, string, string>;
}

export type AutomationRuleStatus = "active" | "paused";

export interface AutomationRulesTable {
  id: string;
  name: string;
  trigger_tag: string;
  delay_minutes: number;
  set_status: ContactStatus | null;
  add_tag: string | null;
  status: AutomationRuleStatus;
  scanned_until: Timestamp;
  lease_until: Timestamp | null;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export type AutomationRunOutcome = "applied" | "unchanged" | "tag_removed" | "contact_gone";

export interface AutomationRunsTable {
  rule_id: string;
  event_id: string;
  contact_id: string;
  outcome: AutomationRunOutcome;
  created_at: Generated<Date>;
}
