// The transactional outbox: an event is written in the caller's transaction, so it exists exactly
// when the change it describes was committed.
import { sql } from "kysely";
import type { Executor } from "@/db";
import { newId } from "@/server/lib/ids";
import { type Actor, actorName } from "./actor";
import type { EventType } from "./event.catalogue";

/** The channel the delivery loop LISTENs on; NOTIFY inside a transaction is sent at commit. */
export const EVENTS_CHANNEL = "hookline_events";
/**
 * The payload of a NOTIFY for deliveries made due directly (a ping, a redelivery, a recovery), which
 * the delivery loop must claim; events awaiting fan-out notify with an empty payload.
 */
export const DELIVERIES_DUE = "due";

export interface NewEvent {
  type: EventType;
  actor: Actor;
  contactId: string | null;
  payload: Record<string, unknown>;
  detail?: Record<string, unknown>;
}

export async function recordEvents(trx: Executor, events: NewEvent[]): Promise<string[]> {
  if (events.length === 0) return [];
  const rows = events.map((event) => ({
    id: newId("evt"),
    type: event.type,
    source: event.actor.source,
    actor: actorName(event.actor),
    api_key_id: event.actor.source === "api" ? event.actor.apiKeyId : null,
    contact_id: event.contactId,
    payload: JSON.stringify(event.payload),
    detail: event.detail ? JSON.stringify(event.detail) : null,
  }));
  await trx.insertInto("events").values(rows).execute();
  await sql`select pg_notify(${EVENTS_CHANNEL}, '')`.execute(trx);
  return rows.map((row) => row.id);
}
