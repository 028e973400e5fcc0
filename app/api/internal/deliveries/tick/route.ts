// The cron door onto the delivery loop, for hosts without long-running processes: one bounded
// pass per call. Protected by HOOKLINE_TICK_SECRET and refused while it is unset.
import { config } from "@/server/config/config";
import { getDatabase } from "@/server/database";
import { DeliveryEngine } from "@/server/delivery/engine/delivery.engine";
import { AppError } from "@/server/errors";
import { carriesBearerSecret } from "@/server/rest/bearer-secret";
import { errorResponse, jsonResponse } from "@/server/rest/handler";

export const dynamic = "force-dynamic";

export async function POST(request: Request): Promise<Response> {
  try {
    const secret = config().tickSecret;
    if (!secret) {
      throw new AppError("forbidden", "The tick endpoint is off; set HOOKLINE_TICK_SECRET to use it.");
    }
    if (!carriesBearerSecret(request.headers, secret)) {
      throw new AppError("unauthorized", "Send the tick secret as Authorization: Bearer <secret>.");
    }
    const engine = new DeliveryEngine(await getDatabase());
    try {
      const pass = await engine.runOnce();
      return jsonResponse(200, { fanned_out: pass.fannedOut, sent: pass.sent, recorded: pass.recorded });
    } finally {
      await engine.close();
    }
  } catch (error) {
    return errorResponse(error);
  }
}
