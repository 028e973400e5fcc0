import { z } from "zod";
import { apiKeyCreated, apiKeyResource } from "@/server/auth/api-key.schema";
import {
  apiKeyName,
  changeApiKeyScopes,
  createApiKey,
  listApiKeys,
  renameApiKey,
  revokeApiKey,
} from "@/server/auth/api-key.service";
import { config } from "@/server/config/config";
import {
  createPortalSession,
  PORTAL_DEFAULT_SECONDS,
  portalExpiresIn,
  revokePortalSessions,
} from "@/server/portal/portal-session.service";
import { apiKeyScopesInput } from "@/shared/api-key-scopes";
import { adminProcedure, router } from "../init";

const id = z.object({ id: z.string().max(64) });
/** null: full access. */
const scopes = apiKeyScopesInput.nullable();

export const apiKeyRouter = router({
  list: adminProcedure
    .meta({ permission: "apiKeys.read" })
    .output(z.array(apiKeyResource))
    .query(({ ctx }) => listApiKeys(ctx.db)),
  create: adminProcedure
    .meta({ permission: "apiKeys.write" })
    .input(
      z.object({
        name: apiKeyName,
        scopes: scopes.default(null),
        expires_at: z.iso.datetime({ error: "Choose a valid expiry date." }).nullable().default(null),
      }),
    )
    .output(apiKeyCreated)
    .mutation(({ ctx, input }) =>
      createApiKey(ctx.db, {
        name: input.name,
        createdBy: ctx.user.id,
        scopes: input.scopes,
        expiresAt: input.expires_at ? new Date(input.expires_at) : null,
        actor: ctx.actor,
      }),
    ),
  rename: adminProcedure
    .meta({ permission: "apiKeys.write" })
    .input(id.extend({ name: apiKeyName }))
    .output(apiKeyResource)
    .mutation(({ ctx, input }) => renameApiKey(ctx.db, { id: input.id, name: input.name, actor: ctx.actor })),
  changeScopes: adminProcedure
    .meta({ permission: "apiKeys.write" })
    .input(id.extend({ scopes }))
    .output(apiKeyResource)
    .mutation(({ ctx, input }) =>
      changeApiKeyScopes(ctx.db, { id: input.id, scopes: input.scopes, actor: ctx.actor }),
    ),
  revoke: adminProcedure
    .meta({ permission: "apiKeys.write" })
    .input(id)
    .output(apiKeyResource)
    .mutation(({ ctx, input }) => revokeApiKey(ctx.db, { id: input.id, actor: ctx.actor })),
  /** A link to the key's self-service portal: whoever holds it manages the key's hooks until it expires. */
  createPortalLink: adminProcedure
    .meta({ permission: "apiKeys.write" })
    .input(id.extend({ expires_in: portalExpiresIn.default(PORTAL_DEFAULT_SECONDS) }))
    .output(z.object({ path: z.string(), url: z.string().nullable(), expires_at: z.string() }))
    .mutation(({ ctx, input }) =>
      createPortalSession(ctx.db, {
        apiKeyId: input.id,
        actor: ctx.actor,
        expiresIn: input.expires_in,
        baseUrl: config().publicUrl,
      }),
    ),
  /** Closes every open portal link of the key at once. */
  revokePortalLinks: adminProcedure
    .meta({ permission: "apiKeys.write" })
    .input(id)
    .output(z.object({ revoked: z.number() }))
    .mutation(({ ctx, input }) => revokePortalSessions(ctx.db, { apiKeyId: input.id, actor: ctx.actor })),
});
