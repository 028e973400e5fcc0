import { hookDeliveryParams } from "@/server/delivery/delivery.schema";
import { pingHook } from "@/server/delivery/delivery.service";
import { restRoute } from "@/server/rest/handler";

export const POST = restRoute(
  { scope: "hooks", params: hookDeliveryParams },
  async ({ db, actor, params }) => ({
    status: 202,
    body: await pingHook(db, { actor, hookId: params.id }),
  }),
);
