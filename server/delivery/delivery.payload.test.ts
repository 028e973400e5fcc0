import { describe, expect, it } from "vitest";
import { CONTACT_COLUMNS } from "@/server/contacts/contact.queries";
import {
  buildBody,
  type DeliveryMessage,
  loggedBody,
  publicBaseUrl,
  restoreLoggedBody,
} from "./delivery.payload";

// The body as API.md describes it, built the plain way: buildBody assembles it from parts cached
// per event and must not differ from this by a single byte.
function reference(message: DeliveryMessage): string {
  const { event, hook } = message;
  let data: unknown;
  if (hook.payload === "skinny" && event.contactId) {
    data = { id: event.contactId, url: `${publicBaseUrl()}/api/v1/contacts/${event.contactId}` };
  } else if (event.contactId) {
    const ordered: Record<string, unknown> = {};
    for (const key of CONTACT_COLUMNS) if (key in event.payload) ordered[key] = event.payload[key];
    for (const [key, value] of Object.entries(event.payload)) if (!(key in ordered)) ordered[key] = value;
    data = ordered;
  } else {
    data = event.payload;
  }
  return JSON.stringify({
    id: event.id,
    type: event.type,
    timestamp: event.createdAt.toISOString(),
    source: event.source,
    initiated_by: event.actor,
    sequence: message.sequence,
    hook: { id: hook.id, target: hook.targetUrl, event: hook.events[0] ?? event.type },
    data,
    ...(event.detail ? { detail: event.detail } : {}),
    ...(event.test ? { test: true } : {}),
  });
}

function hook(payload: "fat" | "skinny", events = ["contact.updated"]): DeliveryMessage["hook"] {
  return {
    id: "hook_0000000000000000000000001",
    targetUrl: 'https://example.com/in?x="quoted"&y=\u2028',
    events,
    payload,
    format: "json",
    secret: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
    previousSecret: null,
    previousSecretExpiresAt: null,
  };
}

const contactEvent: DeliveryMessage["event"] = {
  id: "evt_0000000000000000000000001",
  type: "contact.updated",
  source: "api",
  actor: 'api_key:"Zoë"',
  contactId: "ctc_0000000000000000000000001",
  // jsonb's key order, not the API's: the body must put the contact's fields in API order.
  payload: {
    tags: ["vip"],
    email: "ada@example.com",
    id: "ctc_0000000000000000000000001",
    fields: { note: 'line\nbreak "and" emoji 🎉' },
    extra_unknown: 1,
  },
  detail: { previous: { email: "old@example.com" } },
  createdAt: new Date("2026-11-28T10:00:00.123Z"),
};

const otherEvent: DeliveryMessage["event"] = {
  id: "evt_0000000000000000000000002",
  type: "hook.ping",
  source: "app",
  actor: "user:usr_1",
  contactId: null,
  payload: { message: "ping" },
  detail: null,
  createdAt: new Date("2026-11-28T10:00:01Z"),
};

describe("buildBody", () => {
  it.each([
    ["a contact event, fat", contactEvent, hook("fat")],
    ["a contact event, skinny", contactEvent, hook("skinny")],
    ["a contact event to a wildcard hook", contactEvent, hook("fat", [])],
    ["an event without a contact, skinny", otherEvent, hook("skinny", ["*"])],
    ["a test event", { ...contactEvent, test: true }, hook("fat")],
  ])("is byte for byte the plain serialisation: %s", (_, event, target) => {
    const message: DeliveryMessage = { id: "msg_1", sequence: 42, hook: target, event };
    expect(buildBody(message)).toBe(reference(message));
    // Again, from the per-event cache, with another sequence and hook.
    const again: DeliveryMessage = { id: "msg_2", sequence: 43, hook: hook("fat", ["*"]), event };
    expect(buildBody(again)).toBe(reference(again));
    expect(JSON.parse(buildBody(again))).toMatchObject({ sequence: 43, id: event.id });
  });
});

describe("loggedBody", () => {
  it.each([
    ["a contact event, fat", contactEvent, hook("fat"), true],
    ["a contact event, skinny", contactEvent, hook("skinny"), false],
    ["an event without a contact, skinny", otherEvent, hook("skinny", ["*"]), true],
    [
      "a test event (its data is in no event to restore)",
      { ...contactEvent, test: true },
      hook("fat"),
      false,
    ],
    // A contact whose own fields hold `"data":null` must not confuse the restore.
    [
      "a payload that itself holds data: null",
      {
        ...contactEvent,
        payload: { ...contactEvent.payload, fields: { data: null } },
        detail: { data: null },
      },
      hook("fat"),
      true,
    ],
  ])(
    "keeps no copy of the event's payload and restores the sent body exactly: %s",
    (_, event, target, fromEvent) => {
      const message: DeliveryMessage = { id: "msg_1", sequence: 7, hook: target, event };
      const sent = buildBody(message);
      const logged = loggedBody(message, sent);
      expect(logged.dataFromEvent).toBe(fromEvent);
      if (fromEvent) {
        expect(JSON.parse(logged.body).data).toBeNull();
        expect(logged.body.length).toBeLessThan(sent.length);
        expect(restoreLoggedBody(logged.body, event)).toBe(sent);
      } else {
        expect(logged.body).toBe(sent);
      }
    },
  );
});
