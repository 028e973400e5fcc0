// The transactional outbox: an event is written in the caller's transaction, so it exists exactly
// when the change it describes was committed.
import { sql } from "kysely";
import type { Executor } from "@/db";
import { newId } from "@/server/lib/ids";
import type { EventType } from "@/shared/event.catalogue";
import { type Actor, actorName } from "./actor";

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
  /** A made-up example of its type, marked `"test": true` in what the hook receives. */
  test?: boolean;
  /**
   * Addressed to this one hook (a ping, a test event) rather than to every hook that listens: the
   * fan-out leaves it alone, and the caller writes its one delivery in the same transaction
   * (server/delivery/delivery.service.ts) and wakes the loop to claim it.
   */
  toHookId?: string;
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
    test: event.test ?? false,
    fanout_pending: event.toHookId === undefined,
  }));
  await trx.insertInto("events").values(rows).execute();
  if (rows.some((row) => row.fanout_pending)) await sql`select pg_notify(${EVENTS_CHANNEL}, '')`.execute(trx);
  return rows.map((row) => row.id);
}
