// What a contact may look like on the way in, shared by the REST API and the admin UI.
import { z } from "zod";

export const CONTACT_STATUSES = ["subscribed", "unsubscribed", "bounced"] as const;
export const contactStatus = z.enum(CONTACT_STATUSES);

export const contactEmail = z
  .string()
  .trim()
  .toLowerCase()
  .max(254, "Email must be at most 254 characters.")
  .pipe(z.email("Enter a valid email address."));

const optionalText = (max: number, label: string) =>
  z
    .string()
    .trim()
    .max(max, `${label} must be at most ${max} characters.`)
    .transform((value) => (value === "" ? null : value))
    .nullable()
    .optional();

export const tagName = z
  .string()
  .trim()
  .min(1, "A tag cannot be empty.")
  .max(64, "A tag must be at most 64 characters.")
  .regex(/^[^,/]+$/, "A tag cannot contain commas or slashes.");

export const contactTags = z
  .array(tagName)
  .max(100, "A contact can have at most 100 tags.")
  .transform((tags) => [...new Set(tags)]);

const fieldValue = z.union([z.string().max(1000), z.number(), z.boolean(), z.null()]);
export const contactFields = z
  .record(z.string().trim().min(1).max(64), fieldValue)
  .refine((fields) => Object.keys(fields).length <= 50, "A contact can have at most 50 custom fields.");

export const contactCreateInput = z.object({
  email: contactEmail,
  first_name: optionalText(200, "First name"),
  last_name: optionalText(200, "Last name"),
  phone: optionalText(50, "Phone"),
  status: contactStatus.optional(),
  tags: contactTags.optional(),
  fields: contactFields.optional(),
});
export type ContactCreateInput = z.infer<typeof contactCreateInput>;

export const contactUpdateInput = contactCreateInput.partial();
export type ContactUpdateInput = z.infer<typeof contactUpdateInput>;

export const contactListQuery = z.object({
  email: z.string().trim().toLowerCase().optional(),
  q: z.string().trim().max(200).optional(),
  tag: z.string().trim().max(64).optional(),
  status: contactStatus.optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
  cursor: z.string().max(200).optional(),
});
export type ContactListQuery = z.infer<typeof contactListQuery>;

export const contactTagInput = z.object({ tag: tagName });

// What the admin UI's procedures answer (`.output()`): a contact as the API shows it, and the
// bulk and export jobs. Keys not named here are stripped from the answer.

export const contactResource = z.object({
  id: z.string(),
  email: z.string(),
  first_name: z.string().nullable(),
  last_name: z.string().nullable(),
  phone: z.string().nullable(),
  status: contactStatus,
  tags: z.array(z.string()),
  fields: z.record(z.string(), z.unknown()),
  created_at: z.string(),
  updated_at: z.string(),
});
export type ContactResource = z.output<typeof contactResource>;

export const contactPage = z.object({ data: z.array(contactResource), next_cursor: z.string().nullable() });

export const contactBulkResult = z.object({
  done: z.number().int(),
  failed: z.array(z.object({ id: z.string(), message: z.string() })),
});

const jobStatus = z.enum(["queued", "running", "completed", "failed"]);
const matchFilter = z.object({
  q: z.string().optional(),
  tag: z.string().optional(),
  status: contactStatus.optional(),
});

export const bulkJobResource = z.object({
  id: z.string(),
  action: z.discriminatedUnion("type", [
    z.object({ type: z.literal("add_tag"), tag: z.string() }),
    z.object({ type: z.literal("remove_tag"), tag: z.string() }),
    z.object({ type: z.literal("set_status"), status: contactStatus }),
    z.object({ type: z.literal("delete") }),
  ]),
  status: jobStatus,
  total: z.number().int(),
  processed: z.number().int(),
  failed: z.number().int(),
  errors: z.array(z.object({ id: z.string(), message: z.string() })),
  created_at: z.string(),
  finished_at: z.string().nullable(),
});

export const contactExportResource = z.object({
  id: z.string(),
  filter: matchFilter,
  status: jobStatus,
  total: z.number().int(),
  written: z.number().int(),
  size_bytes: z.number().int(),
  error: z.string().nullable(),
  file_name: z.string(),
  created_at: z.string(),
  finished_at: z.string().nullable(),
  expires_at: z.string().nullable(),
});
