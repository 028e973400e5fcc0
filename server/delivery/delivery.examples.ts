// Example deliveries for the receiving guide: an example event of each type, put through the very
// functions that build and sign real deliveries (buildBody, buildHeaders), so what the guide shows
// is byte for byte what a hook with those settings receives.

import { exampleEvent } from "@/server/events/event.examples";
import type { SubscribableEventType } from "@/shared/event.catalogue";
import { buildBody, buildHeaders, type DeliveryMessage } from "./delivery.payload";

/** A secret for examples only (Standard Webhooks' own test vector): never a hook's. */
export const EXAMPLE_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
const EXAMPLE_TIME = new Date("2026-11-28T10:05:00.000Z");

export type ExampleFormat = "fat" | "skinny" | "activecampaign";

export function exampleMessage(type: SubscribableEventType, format: ExampleFormat): DeliveryMessage {
  const event = exampleEvent(type);
  return {
    id: "msg_0SbKq2vJ8m1yZxW3pQ4rT5uV6w",
    sequence: 17,
    hook: {
      id: "hook_0SbKq2vJ8m1yZxW3pQ4rT5uV6w",
      targetUrl: "https://example.org/hook/1234",
      events: [type],
      payload: format === "skinny" ? "skinny" : "fat",
      format: format === "activecampaign" ? "activecampaign" : "json",
      secret: EXAMPLE_SECRET,
      previousSecret: null,
      previousSecretExpiresAt: null,
    },
    event: {
      id: "evt_0SbKq2vJ8m1yZxW3pQ4rT5uV6w",
      type,
      source: "api",
      actor: "Zapier",
      contactId: event.contactId,
      payload: event.payload,
      detail: event.detail,
      createdAt: EXAMPLE_TIME,
    },
  };
}

/** The request a hook with those settings receives for the example: headers and raw body. */
export function exampleDelivery(
  type: SubscribableEventType,
  format: ExampleFormat,
): { headers: Record<string, string>; body: string } {
  const message = exampleMessage(type, format);
  const body = buildBody(message);
  return { headers: buildHeaders(message, body, EXAMPLE_TIME), body };
}
