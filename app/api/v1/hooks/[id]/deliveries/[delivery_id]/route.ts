import { getDelivery } from "@/server/delivery/delivery.read";
import { deliveryParams } from "@/server/delivery/delivery.schema";
import { restRoute } from "@/server/rest/handler";

export const GET = restRoute(
  { scope: "deliveries:read", params: deliveryParams },
  async ({ db, actor, params }) => {
    const {
      hook_id: _hookId,
      last_error: _lastError,
      ...delivery
    } = await getDelivery(db, { actor, hookId: params.id, deliveryId: params.delivery_id });
    return { status: 200, body: delivery };
  },
);
