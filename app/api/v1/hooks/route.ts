import { hookCreateInput, hookListQuery } from "@/server/hooks/hook.schema";
import { createHook, listHooks } from "@/server/hooks/hook.service";
import { restRoute } from "@/server/rest/handler";

export const GET = restRoute({ scope: "hooks", query: hookListQuery }, async ({ db, actor, query }) => ({
  status: 200,
  body: await listHooks(db, { actor, query }),
}));

export const POST = restRoute({ scope: "hooks", body: hookCreateInput }, async ({ db, actor, body }) => ({
  status: 201,
  body: await createHook(db, { actor, input: body }),
}));
