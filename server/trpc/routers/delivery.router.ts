// The admin UI's view of deliveries: the same services as the REST routes, over every hook.
import { z } from "zod";
import { pendingState, withPendingStates } from "@/server/dashboard/pending-state";
import {
  deliveryDetailResource,
  deliveryListQuery,
  deliveryPage,
  deliverySent,
  deliverySummary as deliverySummaryAnswer,
  hookTestInput,
  recoverInput,
} from "@/server/delivery/delivery.schema";
import {
  countRecoverable,
  deliverySummary,
  getDelivery,
  listDeliveries,
  pingHook,
  recoverDeliveries,
  redeliverDelivery,
  sendTestEvent,
} from "@/server/delivery/delivery.service";
import { adminProcedure, router } from "../init";

const ADMIN = { kind: "admin" } as const;
const hookId = z.string().max(64);
const deliveryId = z.string().max(64);
const recoverStatus = z.enum(["failed", "cancelled"]).default("failed");

export const deliveryRouter = router({
  list: adminProcedure
    .meta({ permission: "deliveries.read" })
    .input(deliveryListQuery.extend({ hookId }))
    .output(deliveryPage)
    .query(({ ctx, input }) => listDeliveries(ctx.db, ADMIN, input.hookId, input)),
  get: adminProcedure
    .meta({ permission: "deliveries.read" })
    .input(z.object({ hookId, deliveryId }))
    .output(deliveryDetailResource.extend({ queue: pendingState }))
    .query(async ({ ctx, input }) => {
      const delivery = await getDelivery(ctx.db, ADMIN, input.hookId, input.deliveryId);
      const [withQueue] = await withPendingStates(ctx.db, [delivery]);
      return withQueue as NonNullable<typeof withQueue>;
    }),
  redeliver: adminProcedure
    .meta({ permission: "deliveries.write" })
    .input(z.object({ hookId, deliveryId }))
    .output(z.object({ ok: z.literal(true) }))
    .mutation(async ({ ctx, input }) => {
      await redeliverDelivery(ctx.db, ADMIN, input.hookId, input.deliveryId);
      return { ok: true as const };
    }),
  recoverCount: adminProcedure
    .meta({ permission: "deliveries.read" })
    .input(recoverInput.extend({ hookId, status: recoverStatus }))
    .output(z.object({ count: z.number().int() }))
    .query(async ({ ctx, input }) => ({
      count: await countRecoverable(ctx.db, ADMIN, input.hookId, input.since, input.status),
    })),
  recover: adminProcedure
    .meta({ permission: "deliveries.write" })
    .input(recoverInput.extend({ hookId, status: recoverStatus }))
    .output(z.object({ requeued: z.number().int() }))
    .mutation(async ({ ctx, input }) => ({
      requeued: await recoverDeliveries(ctx.db, ADMIN, input.hookId, input.since, input.status),
    })),
  ping: adminProcedure
    .meta({ permission: "deliveries.write" })
    .input(z.object({ hookId }))
    .output(deliverySent)
    .mutation(({ ctx, input }) => pingHook(ctx.db, ADMIN, ctx.actor, input.hookId)),
  /** A made-up example of an event type, marked as a test, to this hook only. */
  sendTest: adminProcedure
    .meta({ permission: "deliveries.write" })
    .input(hookTestInput.extend({ hookId }))
    .output(deliverySent)
    .mutation(({ ctx, input }) => sendTestEvent(ctx.db, ADMIN, ctx.actor, input.hookId, input.event)),
  summary: adminProcedure
    .meta({ permission: "deliveries.read" })
    .input(
      z
        .object({
          hours: z
            .number()
            .int()
            .min(1)
            .max(24 * 30)
            .default(24),
        })
        .optional(),
    )
    .output(deliverySummaryAnswer)
    .query(({ ctx, input }) => deliverySummary(ctx.db, input?.hours ?? 24)),
});
