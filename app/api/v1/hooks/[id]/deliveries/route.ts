import { listDeliveries } from "@/server/delivery/delivery.read";
import { deliveryListQuery, hookDeliveryParams } from "@/server/delivery/delivery.schema";
import { restRoute } from "@/server/rest/handler";

export const GET = restRoute(
  { scope: "deliveries:read", params: hookDeliveryParams, query: deliveryListQuery },
  async ({ db, actor, params, query }) => ({
    status: 200,
    body: await listDeliveries(db, { actor, hookId: params.id, query }),
  }),
);
