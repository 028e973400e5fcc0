import { hookIdParams, hookUpdateInput } from "@/server/hooks/hook.schema";
import { deleteHook, getHook, updateHook } from "@/server/hooks/hook.service";
import { restRoute } from "@/server/rest/handler";

export const GET = restRoute({ scope: "hooks", params: hookIdParams }, async ({ db, actor, params }) => ({
  status: 200,
  body: await getHook(db, { actor, id: params.id }),
}));

export const PATCH = restRoute(
  { scope: "hooks", params: hookIdParams, body: hookUpdateInput },
  async ({ db, actor, params, body }) => ({
    status: 200,
    body: await updateHook(db, { actor, id: params.id, input: body }),
  }),
);

export const DELETE = restRoute({ scope: "hooks", params: hookIdParams }, async ({ db, actor, params }) => {
  await deleteHook(db, { actor, id: params.id });
  return { status: 204 };
});
