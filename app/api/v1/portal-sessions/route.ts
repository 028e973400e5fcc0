import { config } from "@/server/config/config";
import { createPortalSession, portalSessionInput } from "@/server/portal/portal-session.service";
import { restRoute } from "@/server/rest/handler";

/** A link to the calling key's self-service portal; absolute on HOOKLINE_PUBLIC_URL, else this request's origin. */
export const POST = restRoute(
  { scope: "hooks", body: portalSessionInput, bodyOptional: true },
  async ({ db, apiKey, actor, body, request }) => {
    const { url, expires_at } = await createPortalSession(db, {
      apiKeyId: apiKey.id,
      actor,
      expiresIn: body.expires_in,
      baseUrl: config().publicUrl ?? new URL(request.url).origin,
    });
    return { status: 201, body: { url, expires_at } };
  },
);
