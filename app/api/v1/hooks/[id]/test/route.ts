import { hookDeliveryParams, hookTestInput } from "@/server/delivery/delivery.schema";
import { scopeOf, sendTestEvent } from "@/server/delivery/delivery.service";
import { restRoute } from "@/server/rest/handler";

export const POST = restRoute(
  { scope: "hooks", params: hookDeliveryParams, body: hookTestInput },
  async ({ db, actor, params, body }) => ({
    status: 202,
    body: await sendTestEvent(db, scopeOf(actor), actor, params.id, body.event),
  }),
);
