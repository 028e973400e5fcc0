// The admin UI's delivery lists: a hook's history, filterable by status and by event type, and one
// event's deliveries across hooks; each row with where it stands in its queue (delivery.pending-state.ts).
//
// A hook's history is the delivery log (delivery.log.ts) of that one hook: read through
// (hook_id, id), a page filtered by status or type scans a bounded window of the hook's newest
// deliveries and hands back a cursor to keep searching.
import { z } from "zod";
import type { Db, Executor } from "@/db";
import type { Actor } from "@/server/events/actor";
import { ownedBy, scopeOf } from "@/server/hooks/hook.scope";
import { decodeCursor, type Page, toPage } from "@/server/lib/pagination";
import { deliveryListRow, scanDeliveries } from "./delivery.log";
import { type PendingState, withPendingStates } from "./delivery.pending-state";
import { findHookInScope, getDelivery, selectDeliveries, toDeliveryResource } from "./delivery.read";
import { DELIVERY_STATUSES, type DeliveryDetailResource, type DeliveryResource } from "./delivery.schema";

export const deliveryHistoryInput = z.object({
  hookId: z.string().max(64),
  status: z.enum(DELIVERY_STATUSES).optional(),
  eventType: z.string().trim().max(100).optional(),
  limit: z.number().int().min(1).max(100).default(25),
  cursor: z.string().max(200).nullish(),
});
export type DeliveryHistoryInput = z.infer<typeof deliveryHistoryInput>;

export const deliveryHistoryPage = z.object({
  data: z.array(deliveryListRow),
  next_cursor: z.string().nullable(),
  /** True when a filtered page stopped at its scan window: older deliveries may still match. */
  partial: z.boolean(),
});

export async function listDeliveryHistory(
  db: Executor,
  options: { actor: Actor; query: DeliveryHistoryInput; scanWindow?: number },
): Promise<Page<DeliveryResource & { queue: PendingState }> & { partial: boolean }> {
  const { actor, query } = options;
  await findHookInScope(db, actor, query.hookId);
  const page = await scanDeliveries(db, {
    actor,
    filter: { hookId: query.hookId, status: query.status, eventType: query.eventType || undefined },
    limit: query.limit,
    cursor: query.cursor,
    scanWindow: options.scanWindow,
  });
  const data = await withPendingStates(db, page.data.map(toDeliveryResource));
  return { data, next_cursor: page.next_cursor, partial: page.partial };
}

/** One delivery with its attempts (getDelivery) and, if pending, where it stands in its queue. */
export async function getDeliveryDetail(
  db: Db,
  options: { actor: Actor; hookId: string; deliveryId: string },
): Promise<DeliveryDetailResource & { queue: PendingState }> {
  const [detail] = await withPendingStates(db, [await getDelivery(db, options)]);
  return detail as DeliveryDetailResource & { queue: PendingState };
}

export const eventDeliveriesInput = z.object({
  eventId: z.string().max(64),
  limit: z.number().int().min(1).max(100).default(50),
  cursor: z.string().max(200).nullish(),
});
export type EventDeliveriesInput = z.infer<typeof eventDeliveriesInput>;

export const eventDeliveriesPage = z.object({
  data: z.array(
    deliveryListRow.extend({
      hook: z.object({ id: z.string(), name: z.string().nullable(), target_url: z.string() }),
    }),
  ),
  next_cursor: z.string().nullable(),
  /** False until the delivery loop has made the event's deliveries (normally within milliseconds). */
  fanned_out: z.boolean(),
});
export type EventDeliveriesPage = z.infer<typeof eventDeliveriesPage>;

/**
 * One event's deliveries across every hook the actor may see, for the admin's event page: where a
 * change went, and how each hook took it. Read through deliveries_event_id_idx, in id order (one
 * event's delivery ids differ by a hash of the hook: a stable order for paging, not a meaningful one).
 */
export async function listEventDeliveries(
  db: Db,
  options: { actor: Actor; query: EventDeliveriesInput },
): Promise<EventDeliveriesPage> {
  const { actor, query: input } = options;
  let select = selectDeliveries(db)
    .innerJoin("hooks", "hooks.id", "deliveries.hook_id")
    .select(["deliveries.hook_id", "hooks.name as hook_name", "hooks.target_url"])
    .where("deliveries.event_id", "=", input.eventId)
    .where(ownedBy(scopeOf(actor)));
  const after = decodeCursor(input.cursor ?? undefined);
  if (after) select = select.where("deliveries.id", ">", after);
  const [rows, awaitingFanOut] = await Promise.all([
    select
      .orderBy("deliveries.id")
      .limit(input.limit + 1)
      .execute(),
    db
      .selectFrom("events")
      .select("id")
      .where("id", "=", input.eventId)
      .where("fanout_pending", "=", true)
      .executeTakeFirst(),
  ]);
  const page = toPage(rows, input.limit, (row) => ({
    ...toDeliveryResource(row),
    hook: { id: row.hook_id, name: row.hook_name, target_url: row.target_url },
  }));
  return {
    data: await withPendingStates(db, page.data),
    next_cursor: page.next_cursor,
    fanned_out: awaitingFanOut === undefined,
  };
}
