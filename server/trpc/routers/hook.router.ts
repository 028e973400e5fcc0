// The admin UI's hooks: every integrator's subscriptions, over the same service as the REST API.
import { z } from "zod";
import { listHookDeletions } from "@/server/hooks/hook.deletions";
import {
  hookAdminCountQuery,
  hookAdminListQuery,
  hookAdminResource,
  hookCreateInput,
  hookDeletion,
  hookResource,
  hookSecretAnswer,
  hookUpdateInput,
  hookWithSecret,
} from "@/server/hooks/hook.schema";
import {
  activateHook,
  countHooksForAdmin,
  createHook,
  deleteHook,
  getHookForAdmin,
  listHooksForAdmin,
  rotateHookSecret,
  updateHook,
} from "@/server/hooks/hook.service";
import { boundedCount } from "@/server/lib/bounded-count";
import { adminProcedure, router } from "../init";

const id = z.object({ id: z.string().max(64) });

export const hookRouter = router({
  /** Hooks deleted lately (by an admin, their integrator, or their receiver's 410), newest first. */
  deletions: adminProcedure
    .meta({ permission: "hooks.read" })
    .output(z.array(hookDeletion))
    .query(({ ctx }) => listHookDeletions(ctx.db, 20)),
  list: adminProcedure
    .meta({ permission: "hooks.read" })
    .input(hookAdminListQuery)
    .output(z.object({ data: z.array(hookAdminResource), next_cursor: z.string().nullable() }))
    .query(({ ctx, input }) => listHooksForAdmin(ctx.db, { filter: input })),
  /** How many hooks the list's filters match: exact up to a bound, an estimate (exact: false) beyond. */
  count: adminProcedure
    .meta({ permission: "hooks.read" })
    .input(hookAdminCountQuery)
    .output(boundedCount)
    .query(({ ctx, input }) => countHooksForAdmin(ctx.db, { filter: input })),
  get: adminProcedure
    .meta({ permission: "hooks.read" })
    .input(id)
    .output(hookAdminResource)
    .query(({ ctx, input }) => getHookForAdmin(ctx.db, { id: input.id })),
  /** Admin-owned; runs the same intent verification as the REST API. */
  create: adminProcedure
    .meta({ permission: "hooks.write" })
    .input(hookCreateInput)
    .output(hookWithSecret)
    .mutation(({ ctx, input }) => createHook(ctx.db, { actor: ctx.actor, input })),
  update: adminProcedure
    .meta({ permission: "hooks.write" })
    .input(id.extend({ changes: hookUpdateInput }))
    .output(hookResource)
    .mutation(({ ctx, input }) =>
      updateHook(ctx.db, { actor: ctx.actor, id: input.id, input: input.changes }),
    ),
  disable: adminProcedure
    .meta({ permission: "hooks.write" })
    .input(id)
    .output(hookResource)
    .mutation(({ ctx, input }) =>
      updateHook(ctx.db, { actor: ctx.actor, id: input.id, input: { status: "disabled" } }),
    ),
  enable: adminProcedure
    .meta({ permission: "hooks.write" })
    .input(id)
    .output(hookResource)
    .mutation(({ ctx, input }) =>
      updateHook(ctx.db, { actor: ctx.actor, id: input.id, input: { status: "active" } }),
    ),
  delete: adminProcedure
    .meta({ permission: "hooks.write" })
    .input(id)
    .output(z.void())
    .mutation(({ ctx, input }) => deleteHook(ctx.db, { actor: ctx.actor, id: input.id })),
  /** Confirms a pending hook with the X-Hook-Secret its target received, as the REST route does. */
  activate: adminProcedure
    .meta({ permission: "hooks.write" })
    .input(id.extend({ secret: z.string().trim().max(200) }))
    .output(hookResource)
    .mutation(({ ctx, input }) =>
      activateHook(ctx.db, { actor: ctx.actor, id: input.id, secret: input.secret }),
    ),
  rotateSecret: adminProcedure
    .meta({ permission: "hooks.write" })
    .input(id)
    .output(hookSecretAnswer)
    .mutation(({ ctx, input }) => rotateHookSecret(ctx.db, { actor: ctx.actor, id: input.id })),
});
