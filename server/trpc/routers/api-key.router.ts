import { z } from "zod";
import {
  apiKeyName,
  createApiKey,
  listApiKeys,
  renameApiKey,
  revokeApiKey,
} from "@/server/auth/api-key.service";
import { adminProcedure, router } from "../init";

const id = z.object({ id: z.string().max(64) });

export const apiKeyRouter = router({
  list: adminProcedure.query(({ ctx }) => listApiKeys(ctx.db)),
  create: adminProcedure
    .input(z.object({ name: apiKeyName }))
    .mutation(({ ctx, input }) => createApiKey(ctx.db, { name: input.name, createdBy: ctx.user.id })),
  rename: adminProcedure
    .input(id.extend({ name: apiKeyName }))
    .mutation(({ ctx, input }) => renameApiKey(ctx.db, input.id, input.name)),
  revoke: adminProcedure.input(id).mutation(({ ctx, input }) => revokeApiKey(ctx.db, input.id)),
});
