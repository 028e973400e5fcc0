import { acIdParams, acRoute } from "@/server/activecampaign/ac.handler";
import { acWebhookUpdateBody, toAcWebhook, WEBHOOK_ATTRIBUTES } from "@/server/activecampaign/ac.webhooks";
import { deleteHook, getHook, updateHook } from "@/server/hooks/hook.service";

const resource = "Webhook";

export const GET = acRoute(
  { scope: "hooks", params: acIdParams, resource },
  async ({ db, actor, params }) => ({
    status: 200,
    body: { webhook: toAcWebhook(await getHook(db, { actor, id: params.id })) },
  }),
);

export const PUT = acRoute(
  { scope: "hooks", params: acIdParams, body: acWebhookUpdateBody, resource, attributes: WEBHOOK_ATTRIBUTES },
  async ({ db, actor, params, body }) => ({
    status: 200,
    body: {
      webhook: toAcWebhook(await updateHook(db, { actor, id: params.id, input: body, acceptance: "none" })),
    },
  }),
);

export const DELETE = acRoute(
  { scope: "hooks", params: acIdParams, resource },
  async ({ db, actor, params }) => {
    await deleteHook(db, { actor, id: params.id });
    return { status: 200, body: {} };
  },
);
