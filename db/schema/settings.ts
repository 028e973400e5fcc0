import type { ColumnType } from "kysely";

export interface SettingsTable {
  key: string;
  /** Read as parsed JSON; written as a JSON string (jsonb). */
  value: ColumnType<unknown, string, string>;
  updated_at: ColumnType<Date, string | undefined, string>;
}
