// Acting on a hook's deliveries: redeliver one, recover those that failed, ping the hook, send it a
// test event — what the REST routes and the admin UI share. Reading them is delivery.read.ts's.
// Each takes the actor; the scope is derived from it (server/hooks/hook.scope.ts), so another
// integrator's hook is simply not found. Each change is audited in its own transaction
// (delivery.audit.ts), from whichever door it came: the admin UI, /api/v1 or the portal.
import { sql } from "kysely";
import type { Db, Executor } from "@/db";
import { AppError, notFound } from "@/server/errors";
import type { Actor } from "@/server/events/actor";
import { exampleEvent } from "@/server/events/event.examples";
import { DELIVERIES_DUE, EVENTS_CHANNEL, recordEvents } from "@/server/events/event.outbox";
import type { EventType, SubscribableEventType } from "@/shared/event.catalogue";
import { auditDeliveriesRecovered, auditDeliveryRedelivered, auditSentToHook } from "./delivery.audit";
import { findHookInScope } from "./delivery.read";
import { deliveryIdFor } from "./delivery-id";

/** Wakes the delivery loop to claim deliveries made due without an event to fan out. */
async function notifyLoop(db: Executor): Promise<void> {
  await sql`select pg_notify(${EVENTS_CHANNEL}, ${DELIVERIES_DUE})`.execute(db);
}

/**
 * Sends these deliveries again, each with its same webhook-id, from the start of the retry schedule;
 * one being sent right now is left to finish. Answers how many were queued again. The one requeue
 * every redelivery goes through: a single one (redeliverDelivery) or a batch of the delivery log's
 * (delivery.log.ts).
 */
export async function requeueDeliveries(db: Executor, deliveryIds: readonly string[]): Promise<number> {
  if (deliveryIds.length === 0) return 0;
  const result = await db
    .updateTable("deliveries")
    .set({
      status: "pending",
      retry_step: 0,
      next_attempt_at: sql`now()`,
      lease_id: null,
      lease_expires_at: null,
      finished_at: null,
    })
    .where("id", "=", sql<string>`any(${[...deliveryIds]}::text[])`)
    .where((eb) =>
      eb.or([
        eb("status", "<>", "pending"),
        eb("lease_expires_at", "is", null),
        eb("lease_expires_at", "<=", sql<Date>`now()`),
      ]),
    )
    .executeTakeFirst();
  await notifyLoop(db);
  return Number(result.numUpdatedRows);
}

/**
 * Sends one delivery of a hook again (requeueDeliveries), audited with it. One being sent right now
 * is left to finish: nothing changed, so nothing is audited.
 */
export async function redeliverDelivery(
  db: Db,
  options: { actor: Actor; hookId: string; deliveryId: string },
): Promise<void> {
  const { actor, hookId, deliveryId } = options;
  await findHookInScope(db, actor, hookId);
  await db.transaction().execute(async (trx) => {
    const existing = await trx
      .selectFrom("deliveries")
      .select(["id", "status"])
      .where("hook_id", "=", hookId)
      .where("id", "=", deliveryId)
      .forUpdate()
      .executeTakeFirst();
    if (!existing) throw notFound("delivery");
    if ((await requeueDeliveries(trx, [deliveryId])) > 0) {
      await auditDeliveryRedelivered(trx, { actor, hookId, deliveryId, statusBefore: existing.status });
    }
  });
}

/**
 * Which deliveries "recover" sends again: those that failed since a time, or those cancelled since
 * then (a 410 disables a hook and cancels what it had queued).
 */
export type RecoverableStatus = "failed" | "cancelled";

interface RecoverOptions {
  actor: Actor;
  hookId: string;
  since: Date;
  status?: RecoverableStatus;
}

function recoverable(db: Executor, options: RecoverOptions) {
  return db
    .selectFrom("deliveries")
    .where("hook_id", "=", options.hookId)
    .where("status", "=", options.status ?? "failed")
    .where("finished_at", ">=", options.since);
}

/** How many deliveries recoverDeliveries would queue again, so the admin can confirm a number. */
export async function countRecoverable(db: Db, options: RecoverOptions): Promise<number> {
  await findHookInScope(db, options.actor, options.hookId);
  const row = await recoverable(db, options)
    .select((eb) => eb.fn.countAll<string>().as("n"))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * Requeues every delivery of the hook that failed (or was cancelled) since `since`, audited with
 * it; answers how many.
 */
export async function recoverDeliveries(db: Db, options: RecoverOptions): Promise<number> {
  await findHookInScope(db, options.actor, options.hookId);
  return db.transaction().execute(async (trx) => {
    const requeued = await trx
      .updateTable("deliveries")
      .set({ status: "pending", retry_step: 0, next_attempt_at: sql`now()`, finished_at: null })
      .where("id", "in", recoverable(trx, options).select("id"))
      .returning("id")
      .execute();
    if (requeued.length > 0) {
      await notifyLoop(trx);
      await auditDeliveriesRecovered(trx, {
        ...options,
        status: options.status ?? "failed",
        deliveryIds: requeued.map((row) => row.id),
      });
    }
    return requeued.length;
  });
}

/** Sends a `hook.ping` to this hook only; the delivery is due at once. */
export function pingHook(
  db: Db,
  options: { actor: Actor; hookId: string },
): Promise<{ delivery_id: string }> {
  return sendToHook(db, options, {
    type: "hook.ping",
    contactId: null,
    payload: { hook_id: options.hookId, message: "A test delivery from Hookline." },
  });
}

/**
 * Sends a made-up example of an event type to this hook only, marked as a test (`"test": true`
 * in the body), whatever events the hook hears: what a receiver gets, to build against.
 */
export function sendTestEvent(
  db: Db,
  options: { actor: Actor; hookId: string; type: SubscribableEventType },
): Promise<{ delivery_id: string }> {
  const { detail, ...example } = exampleEvent(options.type);
  return sendToHook(db, options, {
    type: options.type,
    ...example,
    ...(detail ? { detail } : {}),
    test: true,
  });
}

/**
 * Records an event addressed to one hook through the outbox (recordEvents), and its one delivery,
 * due at once with the hook's next sequence, in one transaction; the NOTIFY at commit wakes the
 * loop to claim it. The fan-out never sees such an event (`toHookId`), so no other hook gets it and
 * the fan-out's statement stays as lean as it was.
 */
async function sendToHook(
  db: Db,
  options: { actor: Actor; hookId: string },
  event: {
    type: EventType;
    contactId: string | null;
    payload: Record<string, unknown>;
    detail?: Record<string, unknown>;
    test?: boolean;
  },
): Promise<{ delivery_id: string }> {
  const { actor, hookId } = options;
  const hook = await findHookInScope(db, actor, hookId);
  if (hook.status === "disabled") {
    throw new AppError("conflict", "The hook is disabled; enable it before sending it anything.");
  }
  return db.transaction().execute(async (trx) => {
    const bumped = await trx
      .updateTable("hooks")
      .set({ next_sequence: sql`next_sequence + 1` })
      .where("id", "=", hookId)
      .returning(sql<number>`next_sequence - 1`.as("sequence"))
      .executeTakeFirst();
    if (!bumped) throw notFound("hook");
    const [eventId] = await recordEvents(trx, [{ ...event, actor, toHookId: hookId }]);
    if (!eventId) throw new Error("recordEvents wrote no event");
    // Named like every delivery, after its event and hook (delivery-id.ts).
    const deliveryId = deliveryIdFor(eventId, hookId);
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
    await auditSentToHook(trx, {
      actor,
      hookId,
      deliveryId,
      eventType: event.type,
      test: event.test === true,
    });
    return { delivery_id: deliveryId };
  });
}
