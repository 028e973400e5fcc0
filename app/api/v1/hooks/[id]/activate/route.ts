import { hookIdParams } from "@/server/hooks/hook.schema";
import { activateHook } from "@/server/hooks/hook.service";
import { restRoute } from "@/server/rest/handler";

// The receiver's delayed confirmation: no body, the secret travels in X-Hook-Secret.
export const POST = restRoute(
  { scope: "hooks", params: hookIdParams },
  async ({ db, actor, params, request }) => ({
    status: 200,
    body: await activateHook(db, { actor, id: params.id, secret: request.headers.get("x-hook-secret") }),
  }),
);
