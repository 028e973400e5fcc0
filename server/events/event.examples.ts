// A made-up example of each event: what POST /api/v1/hooks/{id}/test sends, and what the receiving
// guide shows. Shaped exactly as the services record real ones (a contact's snapshot after the
// change and the same `detail`; operational-events.ts's data), so an example is what a receiver
// will really get.
import type { ContactResource } from "@/shared/contact.schema";
import type { ContactEventType, OperationalEventType, SubscribableEventType } from "@/shared/event.catalogue";

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
  /** Null for operational events, which are about a hook, not a contact. */
  contactId: string | null;
  /** The contact as the API shows it, right after the change; or an operational event's data. */
  payload: Record<string, unknown>;
  detail: Record<string, unknown> | null;
}

/** A hook as operational events name it (operational-events.ts, hookSummarySql). */
const EXAMPLE_HOOK = {
  id: "hook_0SbKq2vJ8m1yZxW3pQ4rT5uV6w",
  name: "Zap 42",
  target: "https://example.org/hook/1234",
  events: ["contact.created"],
  status: "active",
  api_key_id: "key_0SbKq2vJ8m1yZxW3pQ4rT5uV6w",
};

const OPERATIONAL_EXAMPLES: Record<OperationalEventType, () => Record<string, unknown>> = {
  "hook.disabled": () => ({ hook: { ...EXAMPLE_HOOK, status: "disabled" }, reason: "failing" }),
  "hook.enabled": () => ({ hook: EXAMPLE_HOOK }),
  "hook.deleted": () => ({ hook: EXAMPLE_HOOK, reason: "deleted" }),
  "delivery.exhausted": () => ({
    delivery: {
      id: "msg_0SbKq2vJ8m1yZxW3pQ4rT5uV6w",
      event_id: "evt_0SbKq2vJ8m1yZxW3pQ4rT5uV6w",
      event_type: "contact.created",
      sequence: 17,
      attempt_count: 8,
      last_status_code: 500,
      last_error: null,
    },
    hook: EXAMPLE_HOOK,
  }),
};

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

export function exampleEvent(type: SubscribableEventType): ExampleEvent {
  if (type in OPERATIONAL_EXAMPLES) {
    return { contactId: null, payload: OPERATIONAL_EXAMPLES[type as OperationalEventType](), detail: null };
  }
  return EXAMPLES[type as ContactEventType]();
}
