// What an import accepts: the column mapping and mode chosen by the admin, and the file limits.
import { z } from "zod";

export const MAX_IMPORT_BYTES = 50 * 1024 * 1024;
export const MAX_IMPORT_COLUMNS = 200;

export const IMPORT_MODES = ["create_update", "create_only"] as const;
export const STANDARD_FIELDS = ["email", "first_name", "last_name", "phone", "status", "tags"] as const;
export type StandardField = (typeof STANDARD_FIELDS)[number];

/** "ignore", a standard field, or "field:<name>" for a custom field. */
export const mappingTarget = z.union([
  z.literal("ignore"),
  z.enum(STANDARD_FIELDS),
  z
    .string()
    .regex(/^field:.{1,64}$/s, "A custom field name must be 1 to 64 characters.")
    .refine(
      (value) => value.slice(6).trim() === value.slice(6),
      "A custom field name cannot start or end with spaces.",
    ),
]);

export const importStartInput = z.object({
  id: z.string().max(64),
  mode: z.enum(IMPORT_MODES),
  /** One target per column, in the file's column order. */
  mapping: z.array(mappingTarget).max(MAX_IMPORT_COLUMNS),
});
export type ImportStartInput = z.infer<typeof importStartInput>;

export const importId = z.object({ id: z.string().max(64) });

const SUGGESTIONS: Array<[RegExp, StandardField]> = [
  [/^e-?mail( address)?$/i, "email"],
  [/^(first[ _-]?name|given[ _-]?name|first|forename)$/i, "first_name"],
  [/^(last[ _-]?name|surname|family[ _-]?name|last)$/i, "last_name"],
  [/^(phone|phone[ _-]?number|mobile|tel|telephone)$/i, "phone"],
  [/^(status|subscription[ _-]?status)$/i, "status"],
  [/^(tags?|labels?)$/i, "tags"],
];

/** A first guess from the header names; anything unrecognised is ignored until the admin says otherwise. */
export function suggestMapping(headers: string[]): string[] {
  const used = new Set<string>();
  return headers.map((header) => {
    // A custom-field column of Hookline's own export ("field:plan") goes back to that field.
    const own = /^field:(.+)$/s.exec(header.trim())?.[1]?.trim();
    if (own && mappingTarget.safeParse(`field:${own}`).success && !used.has(`field:${own}`)) {
      used.add(`field:${own}`);
      return `field:${own}`;
    }
    const match = SUGGESTIONS.find(([pattern]) => pattern.test(header.trim()))?.[1];
    if (!match || used.has(match)) return "ignore";
    used.add(match);
    return match;
  });
}

// What the import procedures answer (`.output()`).

export const importResource = z.object({
  id: z.string(),
  file_name: z.string(),
  file_size: z.number().int(),
  status: z.enum(["draft", "queued", "running", "completed", "failed"]),
  mode: z.enum(IMPORT_MODES).nullable(),
  total_rows: z.number().int(),
  processed_rows: z.number().int(),
  created: z.number().int(),
  updated: z.number().int(),
  skipped: z.number().int(),
  rejected: z.number().int(),
  error: z.string().nullable(),
  created_at: z.string(),
  started_at: z.string().nullable(),
  finished_at: z.string().nullable(),
});

export const importPreview = z.object({
  id: z.string(),
  file_name: z.string(),
  headers: z.array(z.string()),
  sample: z.array(z.array(z.string())),
  total_rows: z.number().int(),
  suggested_mapping: z.array(z.string()),
});
