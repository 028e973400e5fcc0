// The `text` body format: `{"text": "…"}`, what Slack's, Mattermost's and Discord's (at /slack)
// incoming webhooks accept — the admins' alert URL gets its notifications this way. One sentence
// (alert-text.ts) and a link to the hook's page, where there still is one.
import { alertText } from "@/server/alerts/alert-text";
import type { DeliveryMessage } from "./delivery.payload";

export function buildTextBody(message: DeliveryMessage, baseUrl: string): string {
  const { event } = message;
  const sentence = alertText({
    type: event.type,
    actor: event.actor,
    payload: event.payload,
    test: event.test,
  });
  const hook = event.payload.hook as { id?: unknown } | undefined;
  const link =
    typeof hook?.id === "string" && event.type !== "hook.deleted" ? ` ${baseUrl}/hooks/${hook.id}` : "";
  return JSON.stringify({ text: `${sentence}${link}` });
}
