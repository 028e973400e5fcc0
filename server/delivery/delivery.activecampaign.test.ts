import { parse } from "node:querystring";
import { describe, expect, it } from "vitest";
import { buildActiveCampaignBody } from "./delivery.activecampaign";
import type { DeliveryMessage } from "./delivery.payload";

const hook: DeliveryMessage["hook"] = {
  id: "hook_0000000000000000000000001",
  targetUrl: "https://example.com/in",
  events: ["*"],
  payload: "skinny",
  format: "activecampaign",
  secret: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
  previousSecret: null,
  previousSecretExpiresAt: null,
};

function contactEvent(type: string, detail: Record<string, unknown> | null): DeliveryMessage["event"] {
  return {
    id: "evt_0000000000000000000000001",
    type,
    source: "admin",
    actor: "admin@example.com",
    contactId: "ctc_0000000000000000000000001",
    payload: {
      id: "ctc_0000000000000000000000001",
      email: "robert@example.com",
      first_name: "Robert",
      last_name: null,
      phone: "+1 555-010-1234",
      status: "subscribed",
      tags: ["[KRC] Registered for Challenge", "vip"],
      fields: { plan: "pro & more", seats: 5, trial: true, none: null },
    },
    detail,
    createdAt: new Date("2026-07-18T03:01:25.123Z"),
  };
}

describe("the activecampaign body", () => {
  it("is ActiveCampaign's form body, byte for byte, for a tag event", () => {
    const event = contactEvent("contact.tag_added", { tag: "[KRC] Registered for Challenge" });
    expect(buildActiveCampaignBody({ id: "msg_1", sequence: 1, hook, event })).toBe(
      "type=contact_tag_added&date_time=2026-07-18T03%3A01%3A25%2B00%3A00&initiated_from=admin" +
        "&initiated_by=admin%40example.com&list=0&contact%5Bid%5D=ctc_0000000000000000000000001" +
        "&contact%5Bemail%5D=robert%40example.com&contact%5Bfirst_name%5D=Robert&contact%5Blast_name%5D=" +
        "&contact%5Bphone%5D=%2B1+555-010-1234" +
        "&contact%5Btags%5D=%5BKRC%5D+Registered+for+Challenge%2C+vip" +
        "&contact%5Bfields%5D%5Bplan%5D=pro+%26+more&contact%5Bfields%5D%5Bseats%5D=5" +
        "&contact%5Bfields%5D%5Btrial%5D=true&contact%5Bfields%5D%5Bnone%5D=" +
        "&tag=%5BKRC%5D+Registered+for+Challenge",
    );
  });

  it("parses with a querystring parser into flat, literal keys", () => {
    const body = buildActiveCampaignBody({
      id: "msg_1",
      sequence: 1,
      hook,
      event: contactEvent("contact.updated", { previous: { first_name: "Bob" } }),
    });
    expect(parse(body)).toEqual({
      type: "update",
      date_time: "2026-07-18T03:01:25+00:00",
      initiated_from: "admin",
      initiated_by: "admin@example.com",
      list: "0",
      "contact[id]": "ctc_0000000000000000000000001",
      "contact[email]": "robert@example.com",
      "contact[first_name]": "Robert",
      "contact[last_name]": "",
      "contact[phone]": "+1 555-010-1234",
      "contact[tags]": "[KRC] Registered for Challenge, vip",
      "contact[fields][plan]": "pro & more",
      "contact[fields][seats]": "5",
      "contact[fields][trial]": "true",
      "contact[fields][none]": "",
    });
  });

  it.each([
    ["contact.created", "subscribe"],
    ["contact.subscribed", "subscribe"],
    ["contact.unsubscribed", "unsubscribe"],
    ["contact.updated", "update"],
    ["contact.tag_added", "contact_tag_added"],
    ["contact.tag_removed", "contact_tag_removed"],
    ["contact.bounced", "bounce"],
    ["contact.deleted", "contact.deleted"],
  ])("names %s as ActiveCampaign does: %s", (type, name) => {
    const body = buildActiveCampaignBody({ id: "m", sequence: 1, hook, event: contactEvent(type, null) });
    expect(parse(body).type).toBe(name);
  });

  it("flattens an event without a contact under data[…]", () => {
    const body = buildActiveCampaignBody({
      id: "m",
      sequence: 1,
      hook,
      event: {
        id: "evt_2",
        type: "hook.ping",
        source: "api",
        actor: "Zapier",
        contactId: null,
        payload: { hook_id: "hook_1", message: "A test delivery from Hookline.", nested: { a: [1, 2] } },
        detail: null,
        createdAt: new Date("2026-07-18T03:01:25Z"),
      },
    });
    expect(parse(body)).toMatchObject({
      type: "hook.ping",
      initiated_from: "api",
      "data[hook_id]": "hook_1",
      "data[message]": "A test delivery from Hookline.",
      "data[nested][a]": "[1,2]",
    });
    expect(parse(body)["contact[id]"]).toBeUndefined();
  });
});
