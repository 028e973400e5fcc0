import { hookDeliveryParams, recoverInput } from "@/server/delivery/delivery.schema";
import { recoverDeliveries } from "@/server/delivery/delivery.service";
import { restRoute } from "@/server/rest/handler";

export const POST = restRoute(
  { scope: "hooks", params: hookDeliveryParams, body: recoverInput },
  async ({ db, actor, params, body }) => ({
    status: 202,
    body: { requeued: await recoverDeliveries(db, { actor, hookId: params.id, since: body.since }) },
  }),
);
