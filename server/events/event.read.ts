// The events page's read side: the recorded events, newest first, and one event's page.
import { sql } from "kysely";
import { z } from "zod";
import type { Db } from "@/db";
import { notFound } from "@/server/errors";
import { type BoundedCount, countUpTo } from "@/server/lib/bounded-count";
import { decodeCursor, type Page, toPage } from "@/server/lib/pagination";
import { EVENT_SOURCES } from "@/shared/event.catalogue";
import { eventData } from "./event.data";

export const eventListQuery = z.object({
  type: z.string().max(64).optional(),
  source: z.enum(EVENT_SOURCES).optional(),
  contact_id: z.string().max(64).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
  cursor: z.string().max(200).optional(),
});
export type EventListQuery = z.infer<typeof eventListQuery>;

/** The list's filters alone: what its total counts. */
export const eventCountQuery = eventListQuery.omit({ limit: true, cursor: true });
export type EventCountQuery = z.infer<typeof eventCountQuery>;

export interface EventResource {
  id: string;
  type: string;
  source: string;
  actor: string;
  contact_id: string | null;
  /** The contact's email at the time, so a deleted contact's events still say whose they were. */
  contact_email: string | null;
  /** Whether the contact is still there to link to (it may have been deleted since). */
  contact_exists: boolean;
  detail: Record<string, unknown> | null;
  /** A made-up example sent to one hook (POST /api/v1/hooks/{id}/test), not a change that happened. */
  test: boolean;
  created_at: string;
}

export interface EventDetailResource extends EventResource {
  /** The contact as it was right after the change, as a fat delivery's `data` has it. */
  payload: Record<string, unknown>;
}

/** The events a list's filters match, nothing selected yet: the page and its total share it. */
function eventsMatching(db: Db, filter: EventCountQuery) {
  let query = db.selectFrom("events");
  if (filter.type) query = query.where("events.type", "=", filter.type);
  if (filter.source) query = query.where("events.source", "=", filter.source);
  if (filter.contact_id) query = query.where("events.contact_id", "=", filter.contact_id);
  return query;
}

function selectEvents(db: Db, filter: EventCountQuery = {}) {
  return (
    eventsMatching(db, filter)
      // A primary-key probe per row: cheap, and no foreign key ties events to contacts.
      .leftJoin("contacts", "contacts.id", "events.contact_id")
      .select([
        "events.id",
        "events.type",
        "events.source",
        "events.actor",
        "events.contact_id",
        "events.detail",
        "events.test",
        "events.created_at",
      ])
      .select(sql<string | null>`events.payload->>'email'`.as("contact_email"))
      .select(sql<boolean>`contacts.id is not null`.as("contact_exists"))
  );
}

type EventRow = Awaited<ReturnType<ReturnType<typeof selectEvents>["execute"]>>[number];

function toEventResource(row: EventRow): EventResource {
  return {
    id: row.id,
    type: row.type,
    source: row.source,
    actor: row.actor,
    contact_id: row.contact_id,
    contact_email: row.contact_email ?? null,
    contact_exists: row.contact_exists,
    detail: row.detail,
    test: row.test,
    created_at: row.created_at.toISOString(),
  };
}

export async function listEvents(db: Db, query: EventListQuery): Promise<Page<EventResource>> {
  let select = selectEvents(db, query);
  const before = decodeCursor(query.cursor);
  if (before) select = select.where("events.id", "<", before);
  const rows = await select
    .orderBy("events.id", "desc")
    .limit(query.limit + 1)
    .execute();
  return toPage(rows, query.limit, toEventResource);
}

/** The list's total: exact up to EXACT_COUNT_BOUND, then an estimate (exact: false). */
export function countEvents(db: Db, filter: EventCountQuery, bound?: number): Promise<BoundedCount> {
  return countUpTo(db, eventsMatching(db, filter).select("events.id"), bound);
}

export async function getEvent(db: Db, id: string): Promise<EventDetailResource> {
  const row = await selectEvents(db).select("events.payload").where("events.id", "=", id).executeTakeFirst();
  if (!row) throw notFound("event");
  return {
    ...toEventResource(row),
    payload: eventData({ payload: row.payload, contactId: row.contact_id }),
  };
}
