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

export type ContactEventType = (typeof CONTACT_EVENT_TYPES)[number];
export type EventType = ContactEventType | "hook.ping";

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
];

export function isContactEventType(value: string): value is ContactEventType {
  return (CONTACT_EVENT_TYPES as readonly string[]).includes(value);
}
