import type { ColumnType, Generated } from "kysely";

type Json<T> = ColumnType<T, string, string>;

export interface ContactBulkJobsTable {
  id: string;
  filter: Json<{ q?: string; tag?: string; status?: "subscribed" | "unsubscribed" | "bounced" }>;
  action: Json<
    | { type: "add_tag"; tag: string }
    | { type: "remove_tag"; tag: string }
    | { type: "set_status"; status: "subscribed" | "unsubscribed" | "bounced" }
    | { type: "delete" }
  >;
  status: "queued" | "running" | "completed" | "failed";
  total: number;
  processed: Generated<number>;
  failed: Generated<number>;
  errors: ColumnType<Array<{ id: string; message: string }>, string | undefined, string>;
  last_id: string | null;
  lease_owner: string | null;
  lease_until: ColumnType<Date | null, Date | string | null, Date | string | null>;
  created_by: string | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
  finished_at: ColumnType<Date | null, Date | string | null, Date | string | null>;
}
