// GET /api/metrics: Prometheus's text format, for a scraper holding HOOKLINE_METRICS_TOKEN (as
// `Authorization: Bearer <token>`). Off — 404 — while the token is unset: the numbers describe the
// whole installation's traffic, so nobody reads them without the operator having said who may.
import { config } from "@/server/config/config";
import { getDb } from "@/server/database";
import { AppError } from "@/server/errors";
import { metrics } from "@/server/metrics/metrics";
import { refreshQueueGauges } from "@/server/metrics/queue-gauges";
import { carriesBearerSecret } from "@/server/rest/bearer-secret";
import { errorResponse } from "@/server/rest/handler";

export const dynamic = "force-dynamic";

export async function GET(request: Request): Promise<Response> {
  try {
    const token = config().metricsToken;
    if (!token) {
      throw new AppError("not_found", "Metrics are off; set HOOKLINE_METRICS_TOKEN to turn them on.");
    }
    if (!carriesBearerSecret(request.headers, token)) {
      const refused = errorResponse(
        new AppError("unauthorized", "Send the metrics token as Authorization: Bearer <token>."),
      );
      refused.headers.set("www-authenticate", 'Bearer realm="metrics"');
      return refused;
    }
    await refreshQueueGauges(await getDb());
    const { registry } = metrics();
    return new Response(await registry.metrics(), {
      status: 200,
      headers: { "content-type": registry.contentType, "cache-control": "no-store" },
    });
  } catch (error) {
    return errorResponse(error);
  }
}
