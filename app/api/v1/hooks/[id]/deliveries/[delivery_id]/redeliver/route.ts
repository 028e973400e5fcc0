import { deliveryParams } from "@/server/delivery/delivery.schema";
import { redeliverDelivery } from "@/server/delivery/delivery.service";
import { restRoute } from "@/server/rest/handler";

export const POST = restRoute({ scope: "hooks", params: deliveryParams }, async ({ db, actor, params }) => {
  await redeliverDelivery(db, { actor, hookId: params.id, deliveryId: params.delivery_id });
  return { status: 202, body: {} };
});
