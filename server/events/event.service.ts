// Reading the recorded events, newest first, for the admin Events page.
import { sql } from "kysely";
import { z } from "zod";
import type { Db } from "@/db";
import { decodeCursor, type Page, toPage } from "@/server/lib/pagination";
import { EVENT_SOURCES } from "./actor";

export const eventListQuery = z.object({
  type: z.string().max(64).optional(),
  source: z.enum(EVENT_SOURCES).optional(),
  contact_id: z.string().max(64).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
  cursor: z.string().max(200).optional(),
});
export type EventListQuery = z.infer<typeof eventListQuery>;

export interface EventResource {
  id: string;
  type: string;
  source: string;
  actor: string;
  contact_id: string | null;
  /** The contact's email at the time, so a deleted contact's events still say whose they were. */
  contact_email: string | null;
  detail: Record<string, unknown> | null;
  created_at: string;
}

export async function listEvents(db: Db, query: EventListQuery): Promise<Page<EventResource>> {
  let select = db
    .selectFrom("events")
    .select(["id", "type", "source", "actor", "contact_id", "detail", "created_at"])
    .select(sql<string | null>`payload->>'email'`.as("contact_email"));
  if (query.type) select = select.where("type", "=", query.type);
  if (query.source) select = select.where("source", "=", query.source);
  if (query.contact_id) select = select.where("contact_id", "=", query.contact_id);
  const before = decodeCursor(query.cursor);
  if (before) select = select.where("id", "<", before);
  const rows = await select
    .orderBy("id", "desc")
    .limit(query.limit + 1)
    .execute();
  return toPage(rows, query.limit, (row) => ({
    id: row.id,
    type: row.type,
    source: row.source,
    actor: row.actor,
    contact_id: row.contact_id,
    contact_email: row.contact_email ?? null,
    detail: row.detail,
    created_at: row.created_at.toISOString(),
  }));
}
