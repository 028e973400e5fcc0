// The portal's tRPC: its own endpoint (/api/portal/trpc) and context, over the same init as the
// admin UI's. The context holds the session the link's token opens (sent as a header), never the
// admin's cookie; portal procedures act as that session's API key, so the hook and delivery
// services scope every read and change to the key's own hooks (another key's hook is not found).
import { TRPCError } from "@trpc/server";
import type { Db } from "@/db";
import { clientAddress } from "@/server/lib/client-address";
import { portalActor, resolvePortalSession } from "@/server/portal/portal-session.service";
import { PORTAL_TOKEN_HEADER } from "@/shared/portal-header";
import { publicProcedure, type TrpcContext, toTrpcError } from "./init";

export const PORTAL_LINK_INVALID = "This portal link has expired or is not valid. Ask for a new one.";

export async function createPortalContext(options: {
  db: Db;
  headers: Headers;
  secure: boolean;
  resHeaders: Headers;
}): Promise<TrpcContext> {
  const ip = clientAddress(options.headers);
  return {
    db: options.db,
    // A signed-in admin's cookie opens nothing here: the portal is the key's, not the admin's.
    user: null,
    sessionToken: undefined,
    signInChallengeToken: undefined,
    ip,
    userAgent: options.headers.get("user-agent"),
    secure: options.secure,
    resHeaders: options.resHeaders,
    // Thrown here, an error would reach tRPC unmapped (a 500): map it as procedures' errors are.
    portal: await resolvePortalSession(options.db, options.headers.get(PORTAL_TOKEN_HEADER)).catch(
      (error: unknown) => {
        throw toTrpcError(error);
      },
    ),
  };
}

/** A valid portal session: its key's hooks, as that key (source "api", labelled as the portal). */
export const portalProcedure = publicProcedure.use(({ ctx, next }) => {
  if (!ctx.portal) throw new TRPCError({ code: "UNAUTHORIZED", message: PORTAL_LINK_INVALID });
  const actor = portalActor(ctx.portal, { ip: ctx.ip, userAgent: ctx.userAgent });
  return next({ ctx: { ...ctx, portal: ctx.portal, actor } });
});
