// Contact rules: every change writes the contact and its events in one transaction.
import type { Db } from "@/db";
import { AppError, isUniqueViolation, notFound } from "@/server/errors";
import type { Actor } from "@/server/events/actor";
import { type NewEvent, recordEvents } from "@/server/events/event.outbox";
import { newId } from "@/server/lib/ids";
import { decodeCursor, iso, type Page, toPage } from "@/server/lib/pagination";
import type {
  ContactCreateInput,
  ContactListQuery,
  ContactResource,
  ContactUpdateInput,
} from "@/shared/contact.schema";
import type { ContactEventType } from "@/shared/event.catalogue";
import {
  type ContactRow,
  contactFieldNames,
  deleteContactRow,
  findContactById,
  findContacts,
  findContactsByOffset,
  insertContact,
  updateContactRow,
} from "./contact.queries";

export function toContactResource(row: ContactRow): ContactResource {
  return {
    id: row.id,
    email: row.email,
    first_name: row.first_name,
    last_name: row.last_name,
    phone: row.phone,
    status: row.status,
    tags: row.tags,
    fields: row.fields,
    created_at: iso(row.created_at),
    updated_at: iso(row.updated_at),
  };
}

const STATUS_EVENT: Record<ContactRow["status"], ContactEventType> = {
  subscribed: "contact.subscribed",
  unsubscribed: "contact.unsubscribed",
  bounced: "contact.bounced",
};

const MAX_TAGS = 100;
const MAX_FIELDS = 50;
const SCALAR_FIELDS = ["email", "first_name", "last_name", "phone"] as const;

function duplicateEmail(): AppError {
  return new AppError("conflict", "A contact with this email already exists.", {
    details: [{ path: "email", message: "A contact with this email already exists." }],
  });
}

/** Runs a write and turns the email unique violation into the API's 409. */
async function mapDuplicateEmail<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (isUniqueViolation(error)) throw duplicateEmail();
    throw error;
  }
}

export async function getContact(db: Db, options: { id: string }): Promise<ContactResource> {
  const contact = await findContact(db, options);
  if (!contact) throw notFound("contact");
  return contact;
}

export async function findContact(db: Db, options: { id: string }): Promise<ContactResource | null> {
  const row = await findContactById(db, options.id);
  return row ? toContactResource(row) : null;
}

export async function listContacts(db: Db, query: ContactListQuery): Promise<Page<ContactResource>> {
  const rows = await findContacts(db, {
    email: query.email,
    q: query.q,
    tag: query.tag,
    status: query.status,
    before: decodeCursor(query.cursor),
    limit: query.limit,
  });
  return toPage(rows, query.limit, toContactResource);
}

/** An offset page, oldest first, with the number of matches (for ActiveCampaign's /api/3). */
export async function listContactsByOffset(
  db: Db,
  query: Pick<ContactListQuery, "email" | "q" | "tag"> & { limit: number; offset: number },
): Promise<{ data: ContactResource[]; total: number }> {
  const { rows, total } = await findContactsByOffset(
    db,
    { email: query.email, q: query.q, tag: query.tag },
    { limit: query.limit, offset: query.offset },
  );
  return { data: rows.map(toContactResource), total };
}

/** Most custom field names listed: a name per column of a form or an export, not a data dump. */
const MAX_FIELD_NAMES = 1000;

/** The custom field names in use, sorted: one page of them and how many there are (≤ 1,000). */
export async function listContactFieldNames(
  db: Db,
  page: { limit: number; offset: number },
): Promise<{ data: string[]; total: number }> {
  const names = await contactFieldNames(db, {}, MAX_FIELD_NAMES);
  return { data: names.slice(page.offset, page.offset + page.limit), total: names.length };
}

export function createContact(
  db: Db,
  options: { actor: Actor; input: ContactCreateInput },
): Promise<ContactResource> {
  const { actor, input } = options;
  return mapDuplicateEmail(() =>
    db.transaction().execute(async (trx) => {
      const row = await insertContact(trx, {
        id: newId("ctc"),
        email: input.email,
        first_name: input.first_name ?? null,
        last_name: input.last_name ?? null,
        phone: input.phone ?? null,
        status: input.status ?? "subscribed",
        tags: input.tags ?? [],
        fields: JSON.stringify(input.fields ?? {}),
      });
      const contact = toContactResource(row);
      await recordEvents(trx, [{ type: "contact.created", actor, contactId: contact.id, payload: contact }]);
      return contact;
    }),
  );
}

/**
 * Applies the given fields. `mergeFields` sets only the custom fields given and keeps the others
 * (ActiveCampaign's fieldValues); without it, `fields` replaces them all (PATCH /api/v1).
 */
export function updateContact(
  db: Db,
  options: { actor: Actor; id: string; input: ContactUpdateInput; mergeFields?: boolean },
) {
  const { actor, id, input } = options;
  return changeContact(db, { actor, id }, (before) =>
    options.mergeFields && input.fields
      ? {
          ...input,
          fields: { ...(before.fields as NonNullable<ContactUpdateInput["fields"]>), ...input.fields },
        }
      : input,
  );
}

/**
 * Creates the contact, or updates the one with that email (custom fields merged): ActiveCampaign's
 * contact/sync. Two syncs of a new email racing each other both succeed: the loser of the insert
 * finds the winner's contact and updates it.
 */
export async function syncContact(
  db: Db,
  options: { actor: Actor; input: ContactCreateInput },
): Promise<{ contact: ContactResource; created: boolean }> {
  const { actor, input } = options;
  const update = async () => {
    const [existing] = await findContacts(db, { email: input.email, limit: 1 });
    return existing
      ? { contact: await updateContact(db, { actor, id: existing.id, input, mergeFields: true }) }
      : null;
  };
  const updated = await update();
  if (updated) return { ...updated, created: false };
  try {
    return { contact: await createContact(db, { actor, input }), created: true };
  } catch (error) {
    if (!(error instanceof AppError && error.code === "conflict")) throw error;
    const raced = await update();
    if (!raced) throw error;
    return { ...raced, created: false };
  }
}

export function setContactStatus(
  db: Db,
  options: { actor: Actor; id: string; status: ContactRow["status"] },
) {
  const { status } = options;
  return changeContact(db, options, () => ({ status }));
}

export function addContactTag(db: Db, options: { actor: Actor; id: string; tag: string }) {
  const { tag } = options;
  return changeContact(db, options, (before) => ({ tags: [...before.tags, tag] }));
}

export function removeContactTag(db: Db, options: { actor: Actor; id: string; tag: string }) {
  const { tag } = options;
  return changeContact(db, options, (before) => ({
    tags: before.tags.filter((existing) => existing !== tag),
  }));
}

/**
 * Applies a change computed from the locked row. Each kind of change raises its own event: a status
 * change raises contact.subscribed/unsubscribed/bounced (not also contact.updated), tag changes raise
 * contact.tag_added/removed per tag, other fields raise contact.updated. No change, no event.
 */
function changeContact(
  db: Db,
  target: { actor: Actor; id: string },
  decide: (before: ContactRow) => ContactUpdateInput,
): Promise<ContactResource> {
  const { actor, id } = target;
  return mapDuplicateEmail(() =>
    db.transaction().execute(async (trx) => {
      const before = await findContactById(trx, id, { forUpdate: true });
      if (!before) throw notFound("contact");
      const input = decide(before);

      const changes: Parameters<typeof updateContactRow>[2] = {};
      const previous: Record<string, unknown> = {};
      for (const key of SCALAR_FIELDS) {
        const value = input[key];
        if (value === undefined || value === before[key]) continue;
        if (key === "email" && value === null) continue;
        changes[key] = value as string;
        previous[key] = before[key];
      }
      if (input.fields !== undefined && Object.keys(input.fields).length > MAX_FIELDS) {
        // Reachable by merging (ActiveCampaign's fieldValues): a single input is held to it by its schema.
        throw new AppError("validation_failed", `A contact can have at most ${MAX_FIELDS} custom fields.`, {
          details: [{ path: "fields", message: `A contact can have at most ${MAX_FIELDS} custom fields.` }],
        });
      }
      if (input.fields !== undefined && JSON.stringify(input.fields) !== JSON.stringify(before.fields)) {
        changes.fields = JSON.stringify(input.fields);
        previous.fields = before.fields;
      }
      const tags = input.tags === undefined ? before.tags : [...new Set(input.tags)];
      const addedTags = tags.filter((tag) => !before.tags.includes(tag));
      const removedTags = before.tags.filter((tag) => !tags.includes(tag));
      if (tags.length > MAX_TAGS) {
        throw new AppError("validation_failed", `A contact can have at most ${MAX_TAGS} tags.`, {
          details: [{ path: "tags", message: `A contact can have at most ${MAX_TAGS} tags.` }],
        });
      }
      if (addedTags.length > 0 || removedTags.length > 0) changes.tags = tags;
      const statusChanged = input.status !== undefined && input.status !== before.status;
      if (statusChanged) changes.status = input.status;

      if (Object.keys(changes).length === 0) return toContactResource(before);

      const contact = toContactResource(await updateContactRow(trx, id, changes));
      const event = (type: ContactEventType, detail?: Record<string, unknown>): NewEvent => ({
        type,
        actor,
        contactId: id,
        payload: contact,
        ...(detail ? { detail } : {}),
      });
      const events: NewEvent[] = [];
      if (Object.keys(previous).length > 0) events.push(event("contact.updated", { previous }));
      for (const tag of addedTags) events.push(event("contact.tag_added", { tag }));
      for (const tag of removedTags) events.push(event("contact.tag_removed", { tag }));
      if (statusChanged)
        events.push(event(STATUS_EVENT[contact.status], { previous: { status: before.status } }));
      await recordEvents(trx, events);
      return contact;
    }),
  );
}

export async function deleteContact(db: Db, options: { actor: Actor; id: string }): Promise<void> {
  const { actor, id } = options;
  await db.transaction().execute(async (trx) => {
    const before = await findContactById(trx, id, { forUpdate: true });
    if (!before) throw notFound("contact");
    await deleteContactRow(trx, id);
    await recordEvents(trx, [
      { type: "contact.deleted", actor, contactId: id, payload: toContactResource(before) },
    ]);
  });
}
