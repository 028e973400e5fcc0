// The self-service portal's API: one API key's hooks, over the same services as the REST routes
// (the session acts as its key, so everything is scoped to the key's own hooks). Served on its
// own endpoint, /api/portal/trpc, never by the admin UI's.
import { z } from "zod";
import { getDelivery, listDeliveries } from "@/server/delivery/delivery.read";
import {
  deliveryDetailResource,
  deliveryListQuery,
  deliveryPage,
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
import {
  hookCreateInput,
  hookListPage,
  hookListQuery,
  hookResource,
  hookSecretAnswer,
  hookUpdateInput,
  hookWithSecret,
} from "@/server/hooks/hook.schema";
import {
  activateHook,
  countHooks,
  createHook,
  deleteHook,
  getHook,
  listHooks,
  rotateHookSecret,
  updateHook,
} from "@/server/hooks/hook.service";
import { boundedCount } from "@/server/lib/bounded-count";
import { createCallerFactory, router } from "../init";
import { portalProcedure } from "../portal";

const id = z.object({ id: z.string().max(64) });
const hookId = z.string().max(64);
const deliveryId = z.string().max(64);
const recoverStatus = z.enum(["failed", "cancelled"]).default("failed");

export const portalRouter = router({
  /** Whose portal this is and until when. */
  session: portalProcedure
    .output(z.object({ api_key_name: z.string(), expires_at: z.string() }))
    .query(({ ctx }) => ({
      api_key_name: ctx.portal.apiKeyName,
      expires_at: ctx.portal.expiresAt.toISOString(),
    })),
  hooks: router({
    /** Keyset pages of the key's hooks, newest first: the same query and page as GET /api/v1/hooks. */
    list: portalProcedure
      .input(hookListQuery)
      .output(hookListPage)
      .query(({ ctx, input }) => listHooks(ctx.db, { actor: ctx.actor, query: input })),
    /** How many hooks the key has, for the list's total (exact up to a bound, as the admin list's). */
    count: portalProcedure.output(boundedCount).query(({ ctx }) => countHooks(ctx.db, { actor: ctx.actor })),
    get: portalProcedure
      .input(id)
      .output(hookResource)
      .query(({ ctx, input }) => getHook(ctx.db, { actor: ctx.actor, id: input.id })),
    /** With the real handshake (intent verification), as POST /api/v1/hooks. */
    create: portalProcedure
      .input(hookCreateInput)
      .output(hookWithSecret)
      .mutation(({ ctx, input }) => createHook(ctx.db, { actor: ctx.actor, input })),
    update: portalProcedure
      .input(id.extend({ changes: hookUpdateInput }))
      .output(hookResource)
      .mutation(({ ctx, input }) =>
        updateHook(ctx.db, { actor: ctx.actor, id: input.id, input: input.changes }),
      ),
    disable: portalProcedure
      .input(id)
      .output(hookResource)
      .mutation(({ ctx, input }) =>
        updateHook(ctx.db, { actor: ctx.actor, id: input.id, input: { status: "disabled" } }),
      ),
    enable: portalProcedure
      .input(id)
      .output(hookResource)
      .mutation(({ ctx, input }) =>
        updateHook(ctx.db, { actor: ctx.actor, id: input.id, input: { status: "active" } }),
      ),
    delete: portalProcedure
      .input(id)
      .output(z.void())
      .mutation(({ ctx, input }) => deleteHook(ctx.db, { actor: ctx.actor, id: input.id })),
    /** Confirms a pending hook with the X-Hook-Secret its target received. */
    activate: portalProcedure
      .input(id.extend({ secret: z.string().trim().max(200) }))
      .output(hookResource)
      .mutation(({ ctx, input }) =>
        activateHook(ctx.db, { actor: ctx.actor, id: input.id, secret: input.secret }),
      ),
    /** The new secret, shown this once. */
    rotateSecret: portalProcedure
      .input(id)
      .output(hookSecretAnswer)
      .mutation(({ ctx, input }) => rotateHookSecret(ctx.db, { actor: ctx.actor, id: input.id })),
  }),
  deliveries: router({
    list: portalProcedure
      .input(deliveryListQuery.extend({ hookId }))
      .output(deliveryPage)
      .query(({ ctx, input: { hookId, ...query } }) =>
        listDeliveries(ctx.db, { actor: ctx.actor, hookId, query }),
      ),
    get: portalProcedure
      .input(z.object({ hookId, deliveryId }))
      .output(deliveryDetailResource)
      .query(({ ctx, input }) => getDelivery(ctx.db, { actor: ctx.actor, ...input })),
    redeliver: portalProcedure
      .input(z.object({ hookId, deliveryId }))
      .output(z.object({ ok: z.literal(true) }))
      .mutation(async ({ ctx, input }) => {
        await redeliverDelivery(ctx.db, { actor: ctx.actor, ...input });
        return { ok: true as const };
      }),
    recoverCount: portalProcedure
      .input(recoverInput.extend({ hookId, status: recoverStatus }))
      .output(z.object({ count: z.number().int() }))
      .query(async ({ ctx, input }) => ({
        count: await countRecoverable(ctx.db, { actor: ctx.actor, ...input }),
      })),
    recover: portalProcedure
      .input(recoverInput.extend({ hookId, status: recoverStatus }))
      .output(z.object({ requeued: z.number().int() }))
      .mutation(async ({ ctx, input }) => ({
        requeued: await recoverDeliveries(ctx.db, { actor: ctx.actor, ...input }),
      })),
    ping: portalProcedure
      .input(z.object({ hookId }))
      .output(deliverySent)
      .mutation(({ ctx, input }) => pingHook(ctx.db, { actor: ctx.actor, hookId: input.hookId })),
    /** A made-up example of an event type, marked as a test, to this hook only. */
    sendTest: portalProcedure
      .input(hookTestInput.extend({ hookId }))
      .output(deliverySent)
      .mutation(({ ctx, input }) =>
        sendTestEvent(ctx.db, { actor: ctx.actor, hookId: input.hookId, type: input.event }),
      ),
  }),
});

export type PortalRouter = typeof portalRouter;
export const createPortalCaller = createCallerFactory(portalRouter);
