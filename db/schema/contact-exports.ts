import type { ColumnType, Generated } from "kysely";

type Json<T> = ColumnType<T, string, string>;
type Time = ColumnType<Date | null, Date | string | null, Date | string | null>;

export interface ContactExportsTable {
  id: string;
  filter: Json<{ q?: string; tag?: string; status?: "subscribed" | "unsubscribed" | "bounced" }>;
  status: "queued" | "running" | "completed" | "failed";
  total: number;
  written: Generated<number>;
  field_names: ColumnType<string[] | null, string | null | undefined, string | null>;
  last_id: string;
  parts: Generated<number>;
  size_bytes: Generated<number>;
  error: string | null;
  lease_owner: string | null;
  lease_until: Time;
  created_by: string | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
  finished_at: Time;
  expires_at: Time;
}

export interface ContactExportPartsTable {
  export_id: string;
  part: number;
  content: string;
}
