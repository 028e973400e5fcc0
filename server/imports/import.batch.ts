// Writes one batch of import rows in the caller's transaction: one lookup, one multi-row insert,
// one multi-row update and one events insert per batch, instead of a round trip per row. The events
// follow the contacts service's rules, so a hook can't tell an imported change from a manual one.

import type { Transaction } from "kysely";
import { sql } from "kysely";
import type { DB } from "@/db";
import type { ImportMode } from "@/db/schema";
import { exportCell } from "@/server/contacts/contact.export";
import { CONTACT_COLUMNS, type ContactRow } from "@/server/contacts/contact.queries";
import { toContactResource } from "@/server/contacts/contact.service";
import type { Actor } from "@/server/events/actor";
import { type NewEvent, recordEvents } from "@/server/events/event.outbox";
import { newId } from "@/server/lib/ids";
import type { ContactEventType } from "@/shared/event.catalogue";
import type { ImportRecord } from "./import.rows";

const STATUS_EVENT: Record<ContactRow["status"], ContactEventType> = {
  subscribed: "contact.subscribed",
  unsubscribed: "contact.unsubscribed",
  bounced: "contact.bounced",
};
const MAX_TAGS = 100;
const MAX_FIELDS = 50;
/** Keeps one INSERT well under PostgreSQL's 65,535 bind parameters (8 per event). */
const EVENTS_PER_INSERT = 4000;

export interface BatchRow {
  rowNumber: number;
  record: ImportRecord;
}

export interface BatchOutcome {
  created: number;
  updated: number;
  skipped: number;
  rejected: Array<{ rowNumber: number; reason: string }>;
}

export async function applyImportBatch(
  trx: Transaction<DB>,
  rows: BatchRow[],
  options: { mode: ImportMode; actor: Actor },
): Promise<BatchOutcome> {
  const outcome: BatchOutcome = { created: 0, updated: 0, skipped: 0, rejected: [] };
  if (rows.length === 0) return outcome;
  const events: NewEvent[] = [];

  let existing = await lockByEmail(
    trx,
    rows.map((row) => row.record.email),
  );
  const fresh = rows.filter((row) => !existing.has(row.record.email));
  if (fresh.length > 0) {
    const inserted = await trx
      .insertInto("contacts")
      .values(
        fresh.map(({ record }) => ({
          id: newId("ctc"),
          email: record.email,
          first_name: record.first_name ?? null,
          last_name: record.last_name ?? null,
          phone: record.phone ?? null,
          status: record.status ?? "subscribed",
          tags: record.tags ?? [],
          fields: JSON.stringify(record.fields ?? {}),
        })),
      )
      // Another writer may have created one of these emails since the lookup: that row becomes an update.
      .onConflict((oc) => oc.expression(sql`lower(email)`).doNothing())
      .returning(CONTACT_COLUMNS)
      .execute();
    for (const row of inserted) {
      const contact = toContactResource(row);
      events.push({ type: "contact.created", actor: options.actor, contactId: contact.id, payload: contact });
    }
    outcome.created = inserted.length;
    if (inserted.length < fresh.length) {
      const insertedEmails = new Set(inserted.map((row) => row.email));
      const raced = fresh
        .filter((row) => !insertedEmails.has(row.record.email))
        .map((row) => row.record.email);
      existing = new Map([...existing, ...(await lockByEmail(trx, raced))]);
    }
  }

  const updates: Array<{ before: ContactRow; after: ContactRow; previous: Record<string, unknown> }> = [];
  for (const { rowNumber, record } of rows) {
    const before = existing.get(record.email);
    if (!before) continue;
    if (options.mode === "create_only") {
      outcome.skipped++;
      continue;
    }
    const merged = mergeRecord(before, record);
    if (typeof merged === "string") outcome.rejected.push({ rowNumber, reason: merged });
    else if (merged === null) outcome.skipped++;
    else updates.push({ before, ...merged });
  }

  if (updates.length > 0) {
    const values = updates.map(
      ({ after }) =>
        sql`(${after.id}, ${after.first_name}::text, ${after.last_name}::text, ${after.phone}::text, ${after.status}::text, ${after.tags}::text[], ${JSON.stringify(after.fields)}::jsonb)`,
    );
    const updated = await sql<ContactRow>`
      update contacts as c
      set first_name = v.first_name, last_name = v.last_name, phone = v.phone, status = v.status,
          tags = v.tags, fields = v.fields, updated_at = now()
      from (values ${sql.join(values)}) as v(id, first_name, last_name, phone, status, tags, fields)
      where c.id = v.id
      returning ${sql.join(CONTACT_COLUMNS.map((column) => sql.ref(`c.${column}`)))}`.execute(trx);
    const byId = new Map(updated.rows.map((row) => [row.id, row]));
    for (const { before, previous } of updates) {
      const row = byId.get(before.id);
      if (!row) continue;
      const contact = toContactResource(row);
      const event = (type: ContactEventType, detail: Record<string, unknown>): NewEvent => ({
        type,
        actor: options.actor,
        contactId: contact.id,
        payload: contact,
        detail,
      });
      if (Object.keys(previous).length > 0) events.push(event("contact.updated", { previous }));
      for (const tag of row.tags.filter((tag) => !before.tags.includes(tag))) {
        events.push(event("contact.tag_added", { tag }));
      }
      if (row.status !== before.status) {
        events.push(event(STATUS_EVENT[row.status], { previous: { status: before.status } }));
      }
    }
    outcome.updated = updated.rows.length;
  }

  for (let start = 0; start < events.length; start += EVENTS_PER_INSERT) {
    await recordEvents(trx, events.slice(start, start + EVENTS_PER_INSERT));
  }
  return outcome;
}

async function lockByEmail(trx: Transaction<DB>, emails: string[]): Promise<Map<string, ContactRow>> {
  if (emails.length === 0) return new Map();
  const rows = await trx
    .selectFrom("contacts")
    .select(CONTACT_COLUMNS)
    .where(sql<boolean>`lower(email) = any(${emails}::text[])`)
    // Ordered locking: two imports touching the same contacts can't deadlock each other.
    .orderBy("id")
    .forUpdate()
    .execute();
  return new Map(rows.map((row) => [row.email.toLowerCase(), row]));
}

/**
 * The contact after the row is applied: non-empty cells overwrite, tags and custom fields are added
 * to what the contact has. Null when nothing changes; a string when the result would break a limit.
 * An import never re-subscribes someone who unsubscribed or bounced: a list file is not their consent.
 */
function mergeRecord(
  before: ContactRow,
  record: ImportRecord,
): { after: ContactRow; previous: Record<string, unknown> } | null | string {
  const after: ContactRow = { ...before };
  const previous: Record<string, unknown> = {};
  for (const key of ["first_name", "last_name", "phone"] as const) {
    const value = record[key];
    if (value !== undefined && value !== before[key]) {
      after[key] = value;
      previous[key] = before[key];
    }
  }
  if (record.fields) {
    // A cell that reads as the export writes the current value (3 as "3") is no change.
    const changes = Object.entries(record.fields).filter(
      ([name, value]) => !(name in before.fields) || exportCell(before.fields[name]) !== value,
    );
    const fields = { ...before.fields, ...Object.fromEntries(changes) };
    if (Object.keys(fields).length > MAX_FIELDS)
      return `The contact would have more than ${MAX_FIELDS} custom fields`;
    if (JSON.stringify(fields) !== JSON.stringify(before.fields)) {
      after.fields = fields;
      previous.fields = before.fields;
    }
  }
  if (record.tags) {
    const tags = [...new Set([...before.tags, ...record.tags])];
    if (tags.length > MAX_TAGS) return `The contact would have more than ${MAX_TAGS} tags`;
    after.tags = tags;
  }
  if (record.status && record.status !== before.status) {
    const optedOut = before.status !== "subscribed" && record.status === "subscribed";
    if (!optedOut) after.status = record.status;
  }
  const changed =
    Object.keys(previous).length > 0 ||
    after.tags.length !== before.tags.length ||
    after.status !== before.status;
  return changed ? { after, previous } : null;
}
