import { hookDeliveryParams, hookTestInput } from "@/server/delivery/delivery.schema";
import { sendTestEvent } from "@/server/delivery/delivery.service";
import { restRoute } from "@/server/rest/handler";

export const POST = restRoute(
  { scope: "hooks", params: hookDeliveryParams, body: hookTestInput },
  async ({ db, actor, params, body }) => ({
    status: 202,
    body: await sendTestEvent(db, { actor, hookId: params.id, type: body.event }),
  }),
);
