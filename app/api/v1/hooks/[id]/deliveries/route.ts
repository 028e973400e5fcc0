import { deliveryListQuery, hookDeliveryParams } from "@/server/delivery/delivery.schema";
import { listDeliveries, scopeOf } from "@/server/delivery/delivery.service";
import { restRoute } from "@/server/rest/handler";

export const GET = restRoute(
  { scope: "deliveries:read", params: hookDeliveryParams, query: deliveryListQuery },
  async ({ db, actor, params, query }) => ({
    status: 200,
    body: await listDeliveries(db, scopeOf(actor), params.id, query),
  }),
);
