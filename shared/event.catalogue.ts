// The event types Hookline publishes (noun.verb), as GET /api/v1/events lists them.

export const CONTACT_EVENT_TYPES = [
  "contact.created",
  "contact.updated",
  "contact.deleted",
  "contact.subscribed",
  "contact.unsubscribed",
  "contact.bounced",
  "contact.tag_added",
  "contact.tag_removed",
] as const;

/**
 * What happens to hooks and deliveries themselves, so an integrator (or an admin's alert) hears
 * that a hook stopped. Never matched by `*` (that means every contact event), and not filtered by a
 * hook's sources: they are all background work (`system`). A key's hooks hear only of that key's
 * hooks; an admin's hooks hear of all.
 */
export const OPERATIONAL_EVENT_TYPES = [
  "hook.disabled",
  "hook.enabled",
  "hook.deleted",
  "delivery.exhausted",
] as const;

/** Every type a hook may subscribe to by name. */
export const SUBSCRIBABLE_EVENT_TYPES = [...CONTACT_EVENT_TYPES, ...OPERATIONAL_EVENT_TYPES] as const;

export type ContactEventType = (typeof CONTACT_EVENT_TYPES)[number];
export type OperationalEventType = (typeof OPERATIONAL_EVENT_TYPES)[number];
export type SubscribableEventType = (typeof SUBSCRIBABLE_EVENT_TYPES)[number];
export type EventType = SubscribableEventType | "hook.ping";

export const EVENT_CATALOGUE: ReadonlyArray<{ type: EventType; description: string }> = [
  { type: "contact.created", description: "A contact was added." },
  { type: "contact.updated", description: "A contact's email, name, phone or custom fields changed." },
  { type: "contact.deleted", description: "A contact was deleted; the payload is the contact as it was." },
  { type: "contact.subscribed", description: "A contact's status became subscribed." },
  { type: "contact.unsubscribed", description: "A contact's status became unsubscribed." },
  { type: "contact.bounced", description: "A contact's email bounced; its status became bounced." },
  { type: "contact.tag_added", description: "A tag was added to a contact." },
  { type: "contact.tag_removed", description: "A tag was removed from a contact." },
  { type: "hook.ping", description: "A test event, sent only to the hook that was pinged." },
  {
    type: "hook.disabled",
    description:
      "A hook stopped receiving deliveries; reason says why: gone (it answered 410), failing (five days of failures), key_revoked, admin or api.",
  },
  { type: "hook.enabled", description: "A disabled hook was turned back on." },
  {
    type: "hook.deleted",
    description: "A hook was deleted; reason is deleted (by its owner or an admin) or gone (410).",
  },
  {
    type: "delivery.exhausted",
    description:
      "A delivery gave up after its last retry (never for a delivery of a delivery.exhausted event, so they cannot chain).",
  },
];

export function isContactEventType(value: string): value is ContactEventType {
  return (CONTACT_EVENT_TYPES as readonly string[]).includes(value);
}

export function isOperationalEventType(value: string): value is OperationalEventType {
  return (OPERATIONAL_EVENT_TYPES as readonly string[]).includes(value);
}

/** Where a change came from: an admin in the UI, an API key, the public form, or background work. */
export const EVENT_SOURCES = ["admin", "api", "public", "system"] as const;
export type EventSource = (typeof EVENT_SOURCES)[number];
