// What the portal's server-rendered pages check before they render: the link opens a session,
// and the hook (or delivery) in the address is that key's. Another key's hook is a 404, exactly
// as a hook that doesn't exist.
import type { Db } from "@/db";
import { getDelivery } from "@/server/delivery/delivery.read";
import { AppError } from "@/server/errors";
import { getHook } from "@/server/hooks/hook.service";
import { type PortalSession, portalActor, resolvePortalSession } from "./portal-session.service";

/**
 * "ok", "invalid" (the layout says so already) or "not_found" for a hook, and with a delivery id
 * that delivery, of the session's key.
 */
export async function portalPageState(
  db: Db,
  token: string,
  target: { hookId: string; deliveryId?: string },
): Promise<"ok" | "invalid" | "not_found"> {
  const session: PortalSession | null = await resolvePortalSession(db, token);
  if (!session) return "invalid";
  const actor = portalActor(session);
  try {
    await getHook(db, { actor, id: target.hookId });
    if (target.deliveryId)
      await getDelivery(db, { actor, hookId: target.hookId, deliveryId: target.deliveryId });
    return "ok";
  } catch (error) {
    if (error instanceof AppError && error.code === "not_found") return "not_found";
    throw error;
  }
}
