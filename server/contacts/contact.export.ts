// Contacts as CSV, in the import's own columns (email, first_name, last_name, phone, status, tags
// with ";", then one "field:<name>" column per custom field), so an export can be edited and
// imported back with the mapping suggested as is. The export job writes it a batch at a time.
import type { Executor } from "@/db";
import { toCsv } from "@/server/lib/csv";
import { CONTACT_COLUMNS, type ContactFilter, type ContactRow, contactFieldNames } from "./contact.queries";

/** As many custom-field columns as an import accepts, less the standard ones. */
const MAX_FIELD_COLUMNS = 190;

/** The contact's own columns in API order; custom fields follow as columns of their own. */
const STANDARD = CONTACT_COLUMNS.filter((column) => column !== "fields");

/** The custom fields the matching contacts use: one column each, sorted. */
export function exportFieldNames(db: Executor, filter: Omit<ContactFilter, "limit">): Promise<string[]> {
  return contactFieldNames(db, filter, MAX_FIELD_COLUMNS);
}

/** The header line. */
export function exportHeader(fieldNames: readonly string[]): string {
  return `${toCsv([[...STANDARD, ...fieldNames.map((name) => `field:${name}`)]])}\r\n`;
}

/** One batch of contacts as CSV lines, each ending in CRLF. */
export function exportRows(rows: readonly ContactRow[], fieldNames: readonly string[]): string {
  if (rows.length === 0) return "";
  return `${toCsv(
    rows.map((row) => [
      ...STANDARD.map((column) => exportCell(row[column])),
      ...fieldNames.map((name) => exportCell(row.fields[name])),
    ]),
  )}\r\n`;
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
