// An event's `data` as receivers (a fat body) and the events page show it: a contact event's
// snapshot in the contact's API field order, anything else as recorded.
import { contactResource } from "@/shared/contact.schema";

// jsonb keeps keys in its own order; the contact goes out in the order GET /api/v1/contacts/{id} uses.
const CONTACT_FIELD_ORDER = Object.keys(contactResource.shape);

function inApiOrder(snapshot: Record<string, unknown>): Record<string, unknown> {
  const ordered: Record<string, unknown> = {};
  for (const key of CONTACT_FIELD_ORDER) if (key in snapshot) ordered[key] = snapshot[key];
  for (const [key, value] of Object.entries(snapshot)) if (!(key in ordered)) ordered[key] = value;
  return ordered;
}

/** What a fat body's `data` is: the contact in API order, or the event's payload as it is. */
export function eventData(event: {
  payload: Record<string, unknown>;
  contactId: string | null;
}): Record<string, unknown> {
  return event.contactId ? inApiOrder(event.payload) : event.payload;
}
