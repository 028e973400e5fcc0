import { hookIdParams } from "@/server/hooks/hook.schema";
import { rotateHookSecret } from "@/server/hooks/hook.service";
import { restRoute } from "@/server/rest/handler";

export const POST = restRoute({ scope: "hooks", params: hookIdParams }, async ({ db, actor, params }) => ({
  status: 200,
  body: await rotateHookSecret(db, { actor, id: params.id }),
}));
