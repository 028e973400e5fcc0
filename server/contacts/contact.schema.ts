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

export type ContactResource = {
  id: string;
  email: string;
  first_name: string | null;
  last_name: string | null;
  phone: string | null;
  status: (typeof CONTACT_STATUSES)[number];
  tags: string[];
  fields: Record<string, unknown>;
  created_at: string;
  updated_at: string;
};
