// A made-up example of each contact event: what POST /api/v1/hooks/{id}/test sends, and what the
// receiving guide shows. Shaped exactly as the contacts service records real ones (snapshot after
// the change, and the same `detail`), so an example is what a receiver will really get.
import type { ContactResource } from "@/server/contacts/contact.schema";
import type { ContactEventType } from "./event.catalogue";

export const EXAMPLE_CONTACT: ContactResource = {
  id: "ctc_0SbKq2vJ8m1yZxW3pQ4rT5uV6w",
  email: "ada@example.com",
  first_name: "Ada",
  last_name: "Lovelace",
  phone: "+44 20 7946 0000",
  status: "subscribed",
  tags: ["vip"],
  fields: { plan: "pro" },
  created_at: "2026-11-28T10:00:00.000Z",
  updated_at: "2026-11-28T10:05:00.000Z",
};

export interface ExampleEvent {
  contactId: string;
  /** The contact as the API shows it, right after the change. */
  payload: ContactResource;
  detail: Record<string, unknown> | null;
}

const EXAMPLES: Record<ContactEventType, () => ExampleEvent> = {
  "contact.created": () => example({ updated_at: EXAMPLE_CONTACT.created_at }, null),
  "contact.updated": () => example({}, { previous: { first_name: "Augusta" } }),
  "contact.deleted": () => example({}, null),
  "contact.subscribed": () => example({}, { previous: { status: "unsubscribed" } }),
  "contact.unsubscribed": () => example({ status: "unsubscribed" }, { previous: { status: "subscribed" } }),
  "contact.bounced": () => example({ status: "bounced" }, { previous: { status: "subscribed" } }),
  "contact.tag_added": () => example({ tags: ["vip", "newsletter"] }, { tag: "newsletter" }),
  "contact.tag_removed": () => example({ tags: [] }, { tag: "vip" }),
};

function example(changes: Partial<ContactResource>, detail: Record<string, unknown> | null): ExampleEvent {
  return { contactId: EXAMPLE_CONTACT.id, payload: { ...EXAMPLE_CONTACT, ...changes }, detail };
}

export function exampleEvent(type: ContactEventType): ExampleEvent {
  return EXAMPLES[type]();
}
