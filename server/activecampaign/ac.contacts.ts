// ActiveCampaign's contacts are Hookline's contacts: AC's shapes out, AC's bodies in. Bodies become
// the input /api/v1 validates (piped into contactCreateInput / contactUpdateInput), so the contact
// rules stay in server/contacts.
//
// Ids: a contact's is its Hookline id (ctc_…). A custom field's id is its name, and so is a tag's:
// Hookline keeps both as names, with no table to number them, and a name is as stable as an id.
// A contactTag — AC's (contact, tag) association — has the id "<contact id>:<tag>": a contact id
// never holds a colon, so the first one splits it back, and the same pair always has the same id.
import { z } from "zod";
import {
  type ContactResource,
  contactCreateInput,
  contactUpdateInput,
  tagName,
} from "@/shared/contact.schema";
import { acListPage } from "./ac.paging";
import { acTime } from "./ac.time";

/** AC's SQL-style timestamps ("2026-07-18 03:01:25"), which it sends beside cdate/udate. */
function acTimestamp(at: Date): string {
  return at.toISOString().slice(0, 19).replace("T", " ");
}

export function toAcContact(contact: ContactResource) {
  const created = new Date(contact.created_at);
  const updated = new Date(contact.updated_at);
  return {
    cdate: acTime(created),
    udate: acTime(updated),
    email: contact.email,
    phone: contact.phone ?? "",
    firstName: contact.first_name ?? "",
    lastName: contact.last_name ?? "",
    orgid: "0",
    orgname: "",
    bounced_hard: contact.status === "bounced" ? "1" : "0",
    bounced_soft: "0",
    deleted: "0",
    anonymized: "0",
    created_timestamp: acTimestamp(created),
    updated_timestamp: acTimestamp(updated),
    links: {},
    id: contact.id,
    organization: null,
  };
}

function fieldValueText(value: unknown): string {
  if (value === null || value === undefined) return "";
  return typeof value === "string" ? value : JSON.stringify(value);
}

/** The contact's custom fields as AC's fieldValues: the field's id is its name. */
export function toAcFieldValues(contact: ContactResource) {
  const at = acTime(new Date(contact.updated_at));
  return Object.entries(contact.fields).map(([field, value]) => ({
    contact: contact.id,
    field,
    value: fieldValueText(value),
    cdate: at,
    udate: at,
    links: {},
    id: `${contact.id}:${field}`,
    owner: contact.id,
  }));
}

export function contactTagId(contactId: string, tag: string): string {
  return `${contactId}:${tag}`;
}

/** The (contact, tag) a contactTag id names, or null when it can't be one. */
export function parseContactTagId(id: string): { contactId: string; tag: string } | null {
  const colon = id.indexOf(":");
  if (colon <= 0) return null;
  const tag = tagName.safeParse(id.slice(colon + 1));
  return tag.success && tag.data === id.slice(colon + 1)
    ? { contactId: id.slice(0, colon), tag: tag.data }
    : null;
}

/** A contact's tags as AC's contactTags. Hookline keeps no time per tag: the contact's udate stands in. */
export function toAcContactTags(contact: ContactResource) {
  const at = acTime(new Date(contact.updated_at));
  return contact.tags.map((tag) => ({
    cdate: at,
    contact: contact.id,
    tag,
    links: {},
    id: contactTagId(contact.id, tag),
  }));
}

/** GET /api/3/contacts/{id} and the write answers: the contact with its fieldValues (and tags). */
export function acContactAnswer(contact: ContactResource, withTags = false) {
  return {
    ...(withTags ? { contactTags: toAcContactTags(contact) } : {}),
    fieldValues: toAcFieldValues(contact),
    contact: toAcContact(contact),
  };
}

/** Hookline's field names → the attributes of AC's contact, for 422 pointers. */
export const CONTACT_ATTRIBUTES = { first_name: "firstName", last_name: "lastName", fields: "fieldValues" };

const text = (label: string) =>
  z
    .string({ error: `The contact ${label} must be text.` })
    .nullable()
    .optional();

const acContactShape = {
  email: z
    .string({
      error: (issue) =>
        issue.input === undefined ? "The contact email was not provided." : "The contact email must be text.",
    })
    .optional(),
  firstName: text("firstName"),
  lastName: text("lastName"),
  phone: text("phone"),
  fieldValues: z
    .array(
      z.object({
        field: z
          .union([z.string(), z.number()], { error: "Each field value names its field." })
          .transform(String),
        value: z.union([z.string(), z.number(), z.boolean(), z.null()], {
          error: "A field value is text, a number, true/false or null.",
        }),
      }),
      { error: "fieldValues is a list of {field, value}." },
    )
    .max(50, "Send at most 50 field values.")
    .optional(),
};

type AcContactInput = z.output<z.ZodObject<typeof acContactShape>>;

function toContactInput(contact: AcContactInput) {
  return {
    email: contact.email,
    first_name: contact.firstName,
    last_name: contact.lastName,
    phone: contact.phone,
    fields:
      contact.fieldValues &&
      Object.fromEntries(contact.fieldValues.map((entry) => [entry.field, entry.value])),
  };
}

const wrapped = <T extends z.ZodRawShape>(shape: T) =>
  z.object({ contact: z.object(shape, { error: 'Send the contact as {"contact": {…}}.' }) });

/** POST /api/3/contacts and /api/3/contact/sync: an email is required, as AC requires it. */
export const acContactCreateBody = wrapped({ ...acContactShape, email: acContactShape.email.unwrap() })
  .transform(
    ({ contact }): z.input<typeof contactCreateInput> => ({
      ...toContactInput(contact),
      email: contact.email,
    }),
  )
  .pipe(contactCreateInput);

/** PUT /api/3/contacts/{id}: any field; the fieldValues given are set, other fields kept. */
export const acContactUpdateBody = wrapped(acContactShape)
  .transform(({ contact }): z.input<typeof contactUpdateInput> => toContactInput(contact))
  .pipe(contactUpdateInput);

/** GET /api/3/contacts: AC's filters that Hookline can answer. */
export const acContactListQuery = acListPage.extend({
  email: z.string().trim().toLowerCase().max(254).optional(),
  /** AC: "matches names, organization, phone or email"; Hookline: a prefix of the email or name. */
  search: z.string().trim().max(200).optional(),
  /** A tag's id is its name. */
  tagid: z.string().trim().max(64).optional(),
});

/** POST /api/3/contactTags: {"contactTag": {"contact", "tag"}}; ids may come as numbers. */
export const acContactTagBody = z.object({
  contactTag: z.object(
    {
      contact: z
        .union([z.string(), z.number()], {
          error: (issue) =>
            issue.input === undefined ? "The contact was not provided." : "The contact is a contact id.",
        })
        .transform(String),
      tag: z
        .union([z.string(), z.number()], {
          error: (issue) =>
            issue.input === undefined ? "The tag was not provided." : "The tag is a tag id.",
        })
        .transform(String)
        .pipe(tagName),
    },
    { error: 'Send the association as {"contactTag": {"contact", "tag"}}.' },
  ),
});
