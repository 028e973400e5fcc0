// Contacts as a CSV download, streamed a batch at a time so a million contacts never sit in memory.
// The columns are the import's own (email, first_name, last_name, phone, status, tags with ";",
// then one "field:<name>" column per custom field), so an export can be edited and imported back
// with the mapping suggested as is.
import type { Db } from "@/db";
import { toCsv } from "@/server/lib/csv";
import {
  CONTACT_COLUMNS,
  type ContactFilter,
  type ContactRow,
  contactFieldNames,
  walkContacts,
} from "./contact.queries";

const BATCH = 2000;
/** As many custom-field columns as an import accepts, less the standard ones. */
const MAX_FIELD_COLUMNS = 190;

/** The contact's own columns in API order; custom fields follow as columns of their own. */
const STANDARD = CONTACT_COLUMNS.filter((column) => column !== "fields");

export type ContactExportFilter = Pick<ContactFilter, "q" | "tag" | "status">;

/** The CSV, in chunks: the header first, then one chunk per batch of contacts. */
export async function* contactsCsv(
  db: Db,
  filter: ContactExportFilter,
  batch = BATCH,
): AsyncGenerator<string> {
  const fieldNames = await contactFieldNames(db, filter, MAX_FIELD_COLUMNS);
  yield `${toCsv([[...STANDARD, ...fieldNames.map((name) => `field:${name}`)]])}\r\n`;
  let before: string | undefined;
  for (;;) {
    const rows = await walkContacts(db, { ...filter, before }, batch);
    if (rows.length === 0) return;
    yield `${toCsv(
      rows.map((row) => [
        ...STANDARD.map((column) => exportCell(row[column])),
        ...fieldNames.map((name) => exportCell(row.fields[name])),
      ]),
    )}\r\n`;
    if (rows.length < batch) return;
    before = rows.at(-1)?.id;
  }
}

/**
 * A value as a cell: tags joined with ";" (what the import splits on), times in ISO 8601, other
 * JSON as JSON. The import compares a custom field's cell with this, so a round trip changes nothing.
 */
export function exportCell(value: ContactRow[keyof ContactRow] | unknown): string {
  if (value === undefined || value === null) return "";
  if (typeof value === "string") return value;
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.join(";");
  return JSON.stringify(value);
}
