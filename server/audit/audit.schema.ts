// The audit page's filters, as the tRPC list and the CSV export both take them.
import { z } from "zod";

const optionalText = z
  .string()
  .trim()
  .max(200)
  .optional()
  .transform((value) => value || undefined);
const optionalTime = z
  .union([z.iso.datetime({ error: "Give the time as an ISO date and time." }), z.literal("")])
  .optional()
  .transform((value) => (value ? new Date(value) : undefined));

export const auditFilter = z.object({
  /** An admin's email or id, an API key's name or id, or a job's name: exactly. */
  actor: optionalText,
  /** A kind (hook.deleted) or a family of kinds (hook.). */
  kind: optionalText,
  /** An object's id (hook_…, key_…, usr_…). */
  object: optionalText,
  from: optionalTime,
  to: optionalTime,
});
/** Any of the filters; what is left out filters nothing. */
export type AuditFilter = Partial<z.output<typeof auditFilter>>;

export const auditListQuery = auditFilter.extend({
  limit: z.number().int().min(1).max(100).default(50),
  cursor: z.string().max(100).optional(),
});
export type AuditListQuery = z.output<typeof auditListQuery>;

export interface AuditEntryResource {
  id: string;
  at: string;
  actor_type: "admin" | "api_key" | "system";
  actor_id: string | null;
  actor_label: string;
  kind: string;
  object_type: string;
  object_id: string;
  changes: Record<string, { before: unknown; after: unknown }>;
  ip: string | null;
  user_agent: string | null;
}

/** What the audit list answers (`.output()`): a page of entries. */
export const auditEntryResource = z.object({
  id: z.string(),
  at: z.string(),
  actor_type: z.enum(["admin", "api_key", "system"]),
  actor_id: z.string().nullable(),
  actor_label: z.string(),
  kind: z.string(),
  object_type: z.string(),
  object_id: z.string(),
  changes: z.record(z.string(), z.object({ before: z.unknown(), after: z.unknown() })),
  ip: z.string().nullable(),
  user_agent: z.string().nullable(),
});

export const auditPage = z.object({ data: z.array(auditEntryResource), next_cursor: z.string().nullable() });
