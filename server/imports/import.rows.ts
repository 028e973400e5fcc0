// Turning one CSV row into a contact record, with the reason when it can't be one. Pure, so a
// resumed import can replay the rows it already did and reach the same decisions.

import type { ContactStatus } from "@/db/schema";
import { contactEmail, contactStatus, tagName } from "@/shared/contact.schema";

export interface ImportRecord {
  email: string;
  first_name?: string;
  last_name?: string;
  phone?: string;
  status?: ContactStatus;
  tags?: string[];
  fields?: Record<string, string>;
}

export type RowResult = { ok: true; record: ImportRecord } | { ok: false; reason: string };

const LIMITS = { first_name: 200, last_name: 200, phone: 50 } as const;
const LABELS = { first_name: "First name", last_name: "Last name", phone: "Phone" } as const;
const MAX_TAGS = 100;
const MAX_FIELDS = 50;
const MAX_FIELD_VALUE = 1000;

export function validateRow(cells: string[], mapping: string[]): RowResult {
  const record: Partial<ImportRecord> = {};
  for (let index = 0; index < mapping.length; index++) {
    const target = mapping[index];
    const value = withoutFormulaGuard((cells[index] ?? "").trim());
    // An empty cell means "nothing to say", never "erase": updates keep what the contact has.
    if (!target || target === "ignore" || value === "") continue;
    switch (target) {
      case "email": {
        const parsed = contactEmail.safeParse(value);
        if (!parsed.success) return { ok: false, reason: `Invalid email "${clip(value)}"` };
        record.email = parsed.data;
        break;
      }
      case "first_name":
      case "last_name":
      case "phone":
        if (value.length > LIMITS[target]) {
          return { ok: false, reason: `${LABELS[target]} is longer than ${LIMITS[target]} characters` };
        }
        record[target] = value;
        break;
      case "status": {
        const parsed = contactStatus.safeParse(value.toLowerCase());
        if (!parsed.success) {
          return {
            ok: false,
            reason: `Invalid status "${clip(value)}" (use subscribed, unsubscribed or bounced)`,
          };
        }
        record.status = parsed.data;
        break;
      }
      case "tags": {
        const tags = new Set(record.tags ?? []);
        for (const raw of value.split(/[;|]/)) {
          if (raw.trim() === "") continue;
          const parsed = tagName.safeParse(raw);
          if (!parsed.success) {
            return {
              ok: false,
              reason: `Invalid tag "${clip(raw.trim())}": ${parsed.error.issues[0]?.message ?? ""}`,
            };
          }
          tags.add(parsed.data);
        }
        if (tags.size > MAX_TAGS) return { ok: false, reason: `More than ${MAX_TAGS} tags` };
        record.tags = [...tags];
        break;
      }
      default: {
        const name = target.slice("field:".length);
        if (value.length > MAX_FIELD_VALUE) {
          return { ok: false, reason: `Field "${name}" is longer than ${MAX_FIELD_VALUE} characters` };
        }
        record.fields = { ...record.fields, [name]: value };
      }
    }
  }
  if (!record.email) return { ok: false, reason: "Missing email" };
  return { ok: true, record: record as ImportRecord };
}

/**
 * A cell as it was before an export guarded it: spreadsheet-safe CSV (ours, via papaparse's
 * escapeFormulae, and Excel's own) puts a quote before text that starts like a formula.
 */
export function withoutFormulaGuard(cell: string): string {
  return /^'[=+\-@\t\r]/.test(cell) ? cell.slice(1) : cell;
}

function clip(text: string): string {
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}

/** The mapping's own mistakes, before any row is read. Empty when it can be used. */
export function mappingProblems(mapping: string[], columnCount: number): string[] {
  const problems: string[] = [];
  if (mapping.length !== columnCount) problems.push(`Map each of the ${columnCount} columns (or ignore it).`);
  const counts = new Map<string, number>();
  for (const target of mapping) {
    if (target === "ignore") continue;
    const key = target.startsWith("field:") ? `field:${target.slice(6).toLowerCase()}` : target;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  if (!counts.has("email")) problems.push("Choose the column that holds the email address.");
  for (const [target, count] of counts) {
    if (count > 1) {
      const label = target.startsWith("field:")
        ? `the custom field "${target.slice(6)}"`
        : target.replace("_", " ");
      problems.push(`Only one column can be mapped to ${label}.`);
    }
  }
  const customFields = [...counts.keys()].filter((key) => key.startsWith("field:")).length;
  if (customFields > MAX_FIELDS) problems.push(`At most ${MAX_FIELDS} custom fields can be imported.`);
  return problems;
}
