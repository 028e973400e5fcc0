// The audit rows of the actions on one hook's deliveries: a ping, a test event, one delivery sent
// again, and a "recover since". Each is written in the transaction of its change (no row without
// the change, no change without its row). The object is the hook, as for a bulk redelivery
// (object type "delivery"), so filtering the log by a hook's id shows what was done to it and
// what was sent to it; the delivery (message) ids and counts are in the changes.
import type { Executor } from "@/db";
import type { DeliveryStatus } from "@/db/schema";
import { recordAudit } from "@/server/audit/audit.service";
import type { Actor } from "@/server/events/actor";
import type { EventType } from "@/shared/event.catalogue";

/** A recover may requeue thousands: the row names this many of them, and counts them all. */
export const RECOVERED_IDS_LISTED = 20;

const set = (after: unknown) => ({ before: null, after });

/** A ping (hook.ping) or a test event made for one hook. */
export function auditSentToHook(
  trx: Executor,
  options: { actor: Actor; hookId: string; deliveryId: string; eventType: EventType; test: boolean },
): Promise<void> {
  return recordAudit(trx, options.actor, {
    kind: options.test ? "deliveries.test_sent" : "deliveries.ping_sent",
    objectType: "delivery",
    objectId: options.hookId,
    changes: { delivery_id: set(options.deliveryId), event_type: set(options.eventType) },
  });
}

/** One delivery queued again, from the status it had. */
export function auditDeliveryRedelivered(
  trx: Executor,
  options: { actor: Actor; hookId: string; deliveryId: string; statusBefore: DeliveryStatus },
): Promise<void> {
  return recordAudit(trx, options.actor, {
    kind: "deliveries.redelivered_one",
    objectType: "delivery",
    objectId: options.hookId,
    changes: {
      delivery_id: set(options.deliveryId),
      status: { before: options.statusBefore, after: "pending" },
    },
  });
}

/** The failed (or cancelled) deliveries of a hook since a time, queued again. */
export function auditDeliveriesRecovered(
  trx: Executor,
  options: { actor: Actor; hookId: string; since: Date; status: DeliveryStatus; deliveryIds: string[] },
): Promise<void> {
  const ids = [...options.deliveryIds].sort();
  return recordAudit(trx, options.actor, {
    kind: "deliveries.recovered",
    objectType: "delivery",
    objectId: options.hookId,
    changes: {
      since: set(options.since.toISOString()),
      status: { before: options.status, after: "pending" },
      redelivered: set(ids.length),
      delivery_ids: set(ids.slice(0, RECOVERED_IDS_LISTED)),
    },
  });
}
