// The admin UI's deliveries: the same services as the REST routes, with the signed-in user as the
// actor (whose scope — every hook — the services derive themselves).
import { z } from "zod";
import {
  deliveryHistoryInput,
  deliveryHistoryPage,
  eventDeliveriesInput,
  eventDeliveriesPage,
  getDeliveryDetail,
  listDeliveryHistory,
  listEventDeliveries,
} from "@/server/delivery/delivery.history";
import {
  countFailedMatching,
  deliveryLogFilter,
  deliveryLogInput,
  deliveryLogPage,
  failedMatchCount,
  listDeliveryLog,
  redeliverFailedMatching,
} from "@/server/delivery/delivery.log";
import { pendingState } from "@/server/delivery/delivery.pending-state";
import {
  deliveryDetailResource,
  deliverySent,
  hookTestInput,
  recoverInput,
} from "@/server/delivery/delivery.schema";
import {
  countRecoverable,
  pingHook,
  recoverDeliveries,
  redeliverDelivery,
  sendTestEvent,
} from "@/server/delivery/delivery.service";
import { adminProcedure, router } from "../init";

const hookId = z.string().max(64);
const deliveryId = z.string().max(64);
const recoverStatus = z.enum(["failed", "cancelled"]).default("failed");

export const deliveryRouter = router({
  /** Every hook's deliveries, newest first, by status, event type, hook, contact and time. */
  log: adminProcedure
    .meta({ permission: "deliveries.read" })
    .input(deliveryLogInput)
    .output(deliveryLogPage)
    .query(({ ctx, input }) => listDeliveryLog(ctx.db, { actor: ctx.actor, query: input })),
  /** How many failed deliveries the log's filter matches: what a bulk redelivery would send. */
  failedCount: adminProcedure
    .meta({ permission: "deliveries.read" })
    .input(z.object({ filter: deliveryLogFilter }))
    .output(failedMatchCount)
    .query(({ ctx, input }) => countFailedMatching(ctx.db, { actor: ctx.actor, filter: input.filter })),
  /** Sends again the failed deliveries the filter matches now (up to the cap), after a confirmation. */
  redeliverFailed: adminProcedure
    .meta({ permission: "deliveries.write" })
    .input(z.object({ filter: deliveryLogFilter }))
    .output(z.object({ requeued: z.number().int(), capped: z.boolean() }))
    .mutation(({ ctx, input }) =>
      redeliverFailedMatching(ctx.db, { actor: ctx.actor, filter: input.filter }),
    ),
  /** A hook's deliveries, newest first, by status and event type. */
  history: adminProcedure
    .meta({ permission: "deliveries.read" })
    .input(deliveryHistoryInput)
    .output(deliveryHistoryPage)
    .query(({ ctx, input }) => listDeliveryHistory(ctx.db, { actor: ctx.actor, query: input })),
  /** One event's deliveries across hooks, for the event's page. */
  forEvent: adminProcedure
    .meta({ permission: "deliveries.read" })
    .input(eventDeliveriesInput)
    .output(eventDeliveriesPage)
    .query(({ ctx, input }) => listEventDeliveries(ctx.db, { actor: ctx.actor, query: input })),
  get: adminProcedure
    .meta({ permission: "deliveries.read" })
    .input(z.object({ hookId, deliveryId }))
    .output(deliveryDetailResource.extend({ queue: pendingState }))
    .query(({ ctx, input }) => getDeliveryDetail(ctx.db, { actor: ctx.actor, ...input })),
  redeliver: adminProcedure
    .meta({ permission: "deliveries.write" })
    .input(z.object({ hookId, deliveryId }))
    .output(z.object({ ok: z.literal(true) }))
    .mutation(async ({ ctx, input }) => {
      await redeliverDelivery(ctx.db, { actor: ctx.actor, ...input });
      return { ok: true as const };
    }),
  recoverCount: adminProcedure
    .meta({ permission: "deliveries.read" })
    .input(recoverInput.extend({ hookId, status: recoverStatus }))
    .output(z.object({ count: z.number().int() }))
    .query(async ({ ctx, input }) => ({
      count: await countRecoverable(ctx.db, { actor: ctx.actor, ...input }),
    })),
  recover: adminProcedure
    .meta({ permission: "deliveries.write" })
    .input(recoverInput.extend({ hookId, status: recoverStatus }))
    .output(z.object({ requeued: z.number().int() }))
    .mutation(async ({ ctx, input }) => ({
      requeued: await recoverDeliveries(ctx.db, { actor: ctx.actor, ...input }),
    })),
  ping: adminProcedure
    .meta({ permission: "deliveries.write" })
    .input(z.object({ hookId }))
    .output(deliverySent)
    .mutation(({ ctx, input }) => pingHook(ctx.db, { actor: ctx.actor, hookId: input.hookId })),
  /** A made-up example of an event type, marked as a test, to this hook only. */
  sendTest: adminProcedure
    .meta({ permission: "deliveries.write" })
    .input(hookTestInput.extend({ hookId }))
    .output(deliverySent)
    .mutation(({ ctx, input }) =>
      sendTestEvent(ctx.db, { actor: ctx.actor, hookId: input.hookId, type: input.event }),
    ),
});
