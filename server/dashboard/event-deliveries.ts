// One event's deliveries across every hook, for the admin's event page: where a change went, and
// how each hook took it. Read through deliveries_event_id_idx, in id order (one event's delivery ids
// differ by a hash of the hook: a stable order for paging, not a meaningful one).
import { z } from "zod";
import type { Db } from "@/db";
import { selectDeliveries, toDeliveryResource } from "@/server/delivery/delivery.service";
import { decodeCursor, toPage } from "@/server/lib/pagination";
import { deliveryListRow } from "./delivery-history";
import { withPendingStates } from "./pending-state";

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

export async function listEventDeliveries(db: Db, input: EventDeliveriesInput): Promise<EventDeliveriesPage> {
  let select = selectDeliveries(db)
    .innerJoin("hooks", "hooks.id", "deliveries.hook_id")
    .select(["deliveries.hook_id", "hooks.name as hook_name", "hooks.target_url"])
    .where("deliveries.event_id", "=", input.eventId);
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
