// Reading and replaying a hook's deliveries, pinging a hook and sending it test events: what the
// REST routes and the admin UI share. Scope lives in the hook lookup, so another integrator's hook is simply not found.
import { sql } from "kysely";
import type { Db, Executor } from "@/db";
import { AppError, notFound } from "@/server/errors";
import { type Actor, actorName } from "@/server/events/actor";
import type { EventType, SubscribableEventType } from "@/server/events/event.catalogue";
import { exampleEvent } from "@/server/events/event.examples";
import { DELIVERIES_DUE, EVENTS_CHANNEL } from "@/server/events/event.outbox";
import { firstIdAt, newId } from "@/server/lib/ids";
import { decodeCursor, type Page, toPage } from "@/server/lib/pagination";
import { restoreLoggedBody } from "./delivery.payload";
import type {
  DeliveryAttemptResource,
  DeliveryDetailResource,
  DeliveryListQuery,
  DeliveryResource,
} from "./delivery.schema";
import { deliveryIdFor } from "./delivery-id";

/** Whose hooks the caller may see: an API key sees its own, an admin sees all. */
export type HookScope = { kind: "api_key"; apiKeyId: string } | { kind: "admin" };

export function scopeOf(actor: Actor): HookScope {
  if (actor.source === "api") return { kind: "api_key", apiKeyId: actor.apiKeyId };
  if (actor.source === "public") {
    throw new AppError("forbidden", "Hooks are managed with an API key or in the admin UI.");
  }
  return { kind: "admin" };
}

async function findHook(db: Db, scope: HookScope, hookId: string) {
  let query = db.selectFrom("hooks").select(["id", "status"]).where("id", "=", hookId);
  if (scope.kind === "api_key") query = query.where("api_key_id", "=", scope.apiKeyId);
  const hook = await query.executeTakeFirst();
  if (!hook) throw notFound("hook");
  return hook;
}

export interface DeliveryRow {
  id: string;
  event_id: string;
  event_type: string;
  sequence: number;
  status: DeliveryResource["status"];
  attempt_count: number;
  created_at: Date;
  delivered_at: Date | null;
  next_attempt_at: Date | null;
  last_status_code: number | null;
}

export function toDeliveryResource(row: DeliveryRow): DeliveryResource {
  return {
    id: row.id,
    event_id: row.event_id,
    event_type: row.event_type,
    sequence: Number(row.sequence),
    status: row.status,
    attempt_count: row.attempt_count,
    created_at: row.created_at.toISOString(),
    delivered_at: row.delivered_at?.toISOString() ?? null,
    next_attempt_at: row.status === "pending" ? (row.next_attempt_at?.toISOString() ?? null) : null,
    last_status_code: row.last_status_code,
  };
}

/** Deliveries with what their resource needs (their event's type). */
export function selectDeliveries(db: Db) {
  return db
    .selectFrom("deliveries")
    .innerJoin("events", "events.id", "deliveries.event_id")
    .select([
      "deliveries.id",
      "deliveries.event_id",
      "events.type as event_type",
      "deliveries.sequence",
      "deliveries.status",
      "deliveries.attempt_count",
      "deliveries.created_at",
      "deliveries.delivered_at",
      "deliveries.next_attempt_at",
      "deliveries.last_status_code",
    ]);
}

export async function listDeliveries(
  db: Db,
  scope: HookScope,
  hookId: string,
  query: DeliveryListQuery,
): Promise<Page<DeliveryResource>> {
  await findHook(db, scope, hookId);
  let select = selectDeliveries(db).where("deliveries.hook_id", "=", hookId);
  if (query.status) select = select.where("deliveries.status", "=", query.status);
  const before = decodeCursor(query.cursor);
  if (before) select = select.where("deliveries.id", "<", before);
  const rows = await select
    .orderBy("deliveries.id", "desc")
    .limit(query.limit + 1)
    .execute();
  return toPage(rows, query.limit, toDeliveryResource);
}

export async function getDelivery(
  db: Db,
  scope: HookScope,
  hookId: string,
  deliveryId: string,
): Promise<DeliveryDetailResource> {
  await findHook(db, scope, hookId);
  const row = await selectDeliveries(db)
    .select(["deliveries.hook_id", "deliveries.last_error", "events.payload", "events.contact_id"])
    .where("deliveries.hook_id", "=", hookId)
    .where("deliveries.id", "=", deliveryId)
    .executeTakeFirst();
  if (!row) throw notFound("delivery");
  const attempts = await db
    .selectFrom("delivery_attempts")
    .selectAll()
    .where("delivery_id", "=", deliveryId)
    .orderBy("number")
    .execute();
  return {
    ...toDeliveryResource(row),
    hook_id: row.hook_id,
    last_error: row.last_error,
    attempts: attempts.map(
      (attempt): DeliveryAttemptResource => ({
        number: attempt.number,
        started_at: attempt.started_at.toISOString(),
        duration_ms: attempt.duration_ms,
        status_code: attempt.status_code,
        error: attempt.error,
        request: {
          headers: attempt.request_headers,
          body: attempt.request_data_from_event
            ? restoreLoggedBody(attempt.request_body, { payload: row.payload, contactId: row.contact_id })
            : attempt.request_body,
        },
        response:
          attempt.response_headers === null
            ? null
            : { headers: attempt.response_headers, body: attempt.response_body ?? "" },
      }),
    ),
  };
}

/** Wakes the delivery loop to claim deliveries made due without an event to fan out. */
async function notifyLoop(db: Executor): Promise<void> {
  await sql`select pg_notify(${EVENTS_CHANNEL}, ${DELIVERIES_DUE})`.execute(db);
}

/**
 * Sends a delivery again, with the same webhook-id, from the start of the retry schedule. One that
 * is being sent right now is left to finish.
 */
export async function redeliverDelivery(
  db: Db,
  scope: HookScope,
  hookId: string,
  deliveryId: string,
): Promise<void> {
  await findHook(db, scope, hookId);
  const existing = await db
    .selectFrom("deliveries")
    .select("id")
    .where("hook_id", "=", hookId)
    .where("id", "=", deliveryId)
    .executeTakeFirst();
  if (!existing) throw notFound("delivery");
  await db
    .updateTable("deliveries")
    .set({
      status: "pending",
      retry_step: 0,
      next_attempt_at: sql`now()`,
      lease_id: null,
      lease_expires_at: null,
      finished_at: null,
    })
    .where("id", "=", deliveryId)
    .where((eb) =>
      eb.or([
        eb("status", "<>", "pending"),
        eb("lease_expires_at", "is", null),
        eb("lease_expires_at", "<=", sql<Date>`now()`),
      ]),
    )
    .execute();
  await notifyLoop(db);
}

/** Requeues every delivery of the hook that failed since `since`; answers how many. */
/**
 * Which deliveries "recover" sends again: those that failed since a time, or those cancelled since
 * then (a 410 disables a hook and cancels what it had queued).
 */
export type RecoverableStatus = "failed" | "cancelled";

function recoverable(db: Db, hookId: string, since: Date, status: RecoverableStatus) {
  return db
    .selectFrom("deliveries")
    .where("hook_id", "=", hookId)
    .where("status", "=", status)
    .where("finished_at", ">=", since);
}

/** How many deliveries recoverDeliveries would queue again, so the admin can confirm a number. */
export async function countRecoverable(
  db: Db,
  scope: HookScope,
  hookId: string,
  since: Date,
  status: RecoverableStatus = "failed",
): Promise<number> {
  await findHook(db, scope, hookId);
  const row = await recoverable(db, hookId, since, status)
    .select((eb) => eb.fn.countAll<string>().as("n"))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function recoverDeliveries(
  db: Db,
  scope: HookScope,
  hookId: string,
  since: Date,
  status: RecoverableStatus = "failed",
): Promise<number> {
  await findHook(db, scope, hookId);
  const result = await db
    .updateTable("deliveries")
    .set({ status: "pending", retry_step: 0, next_attempt_at: sql`now()`, finished_at: null })
    .where("id", "in", recoverable(db, hookId, since, status).select("id"))
    .executeTakeFirst();
  const requeued = Number(result.numUpdatedRows);
  if (requeued > 0) await notifyLoop(db);
  return requeued;
}

/** Sends a `hook.ping` to this hook only; the delivery is due at once. */
export function pingHook(
  db: Db,
  scope: HookScope,
  actor: Actor,
  hookId: string,
): Promise<{ delivery_id: string }> {
  return sendToHook(db, scope, actor, hookId, {
    type: "hook.ping",
    contactId: null,
    payload: { hook_id: hookId, message: "A test delivery from Hookline." },
    detail: null,
    test: false,
  });
}

/**
 * Sends a made-up example of an event type to this hook only, marked as a test (`"test": true`
 * in the body), whatever events the hook hears: what a receiver gets, to build against.
 */
export function sendTestEvent(
  db: Db,
  scope: HookScope,
  actor: Actor,
  hookId: string,
  type: SubscribableEventType,
): Promise<{ delivery_id: string }> {
  return sendToHook(db, scope, actor, hookId, { type, ...exampleEvent(type), test: true });
}

/**
 * Records an event addressed to one hook (fan-out has nothing to do with it) and its delivery,
 * due at once with the hook's next sequence, in one transaction; then wakes the delivery loop.
 */
async function sendToHook(
  db: Db,
  scope: HookScope,
  actor: Actor,
  hookId: string,
  event: {
    type: EventType;
    contactId: string | null;
    payload: object;
    detail: Record<string, unknown> | null;
    test: boolean;
  },
): Promise<{ delivery_id: string }> {
  const hook = await findHook(db, scope, hookId);
  if (hook.status === "disabled") {
    throw new AppError("conflict", "The hook is disabled; enable it before sending it anything.");
  }
  // Named like every delivery, after its event and hook (delivery-id.ts).
  const eventId = newId("evt");
  const deliveryId = deliveryIdFor(eventId, hookId);
  await db.transaction().execute(async (trx) => {
    const bumped = await trx
      .updateTable("hooks")
      .set({ next_sequence: sql`next_sequence + 1` })
      .where("id", "=", hookId)
      .returning(sql<number>`next_sequence - 1`.as("sequence"))
      .executeTakeFirst();
    if (!bumped) throw notFound("hook");
    await trx
      .insertInto("events")
      .values({
        id: eventId,
        type: event.type,
        source: actor.source,
        actor: actorName(actor),
        api_key_id: actor.source === "api" ? actor.apiKeyId : null,
        contact_id: event.contactId,
        payload: JSON.stringify(event.payload),
        detail: event.detail ? JSON.stringify(event.detail) : null,
        fanout_pending: false,
        test: event.test,
      })
      .execute();
    await trx
      .insertInto("deliveries")
      .values({
        id: deliveryId,
        hook_id: hookId,
        event_id: eventId,
        sequence: Number(bumped.sequence),
        status: "pending",
        next_attempt_at: sql`now()`,
      })
      .execute();
    await notifyLoop(trx);
  });
  return { delivery_id: deliveryId };
}

/** Counts for the dashboard: deliveries by status over the last `hours`, and the pending backlog. */
export async function deliverySummary(
  db: Db,
  hours = 24,
): Promise<{ since: string; delivered: number; failed: number; cancelled: number; pending: number }> {
  const since = new Date(Date.now() - hours * 3600 * 1000);
  // A delivery's id begins with its event's time: the smallest id of that millisecond bounds the
  // range on the primary key (deliveries of the events of the last `hours`).
  const floor = firstIdAt("msg", since.getTime());
  const rows = await db
    .selectFrom("deliveries")
    .select(["status", sql<number>`count(*)::int`.as("n")])
    .where("id", ">=", floor)
    .groupBy("status")
    .execute();
  const pending = await db
    .selectFrom("deliveries")
    .select(sql<number>`count(*)::int`.as("n"))
    .where("status", "=", "pending")
    .executeTakeFirstOrThrow();
  const by = Object.fromEntries(rows.map((row) => [row.status, row.n]));
  return {
    since: since.toISOString(),
    delivered: by.delivered ?? 0,
    failed: by.failed ?? 0,
    cancelled: by.cancelled ?? 0,
    pending: pending.n,
  };
}
