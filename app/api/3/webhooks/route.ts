import { acRoute } from "@/server/activecampaign/ac.handler";
import {
  acWebhookCreateBody,
  acWebhookListQuery,
  toAcWebhook,
  WEBHOOK_ATTRIBUTES,
} from "@/server/activecampaign/ac.webhooks";
import { createHook, listHooksByOffset } from "@/server/hooks/hook.service";

export const GET = acRoute({ scope: "hooks", query: acWebhookListQuery }, async ({ db, actor, query }) => {
  // Hookline has no lists: list "0" is every hook, any other list has none.
  const listid = query["filters[listid]"];
  if (listid !== undefined && listid !== "0")
    return { status: 200, body: { webhooks: [], meta: { total: "0" } } };
  const page = await listHooksByOffset(db, {
    actor,
    match: { name: query["filters[name]"], targetUrl: query["filters[url]"] },
    limit: query.limit,
    offset: query.offset,
  });
  return { status: 200, body: { webhooks: page.data.map(toAcWebhook), meta: { total: String(page.total) } } };
});

// ActiveCampaign has no handshake: the hook is active at once (the target guard still applies).
export const POST = acRoute(
  { scope: "hooks", body: acWebhookCreateBody, attributes: WEBHOOK_ATTRIBUTES },
  async ({ db, actor, body }) => ({
    status: 201,
    body: { webhook: toAcWebhook(await createHook(db, { actor, input: body, acceptance: "none" })) },
  }),
);
