import { deliveryParams } from "@/server/delivery/delivery.schema";
import { redeliverDelivery, scopeOf } from "@/server/delivery/delivery.service";
import { restRoute } from "@/server/rest/handler";

export const POST = restRoute({ scope: "hooks", params: deliveryParams }, async ({ db, actor, params }) => {
  await redeliverDelivery(db, scopeOf(actor), params.id, params.delivery_id);
  return { status: 202, body: {} };
});
