// The contact list's filters as the URL carries them; the server prefetch and the client query build
// the same input from them, so the prefetched first page is the one the client shows.
import { CONTACT_STATUSES } from "@/shared/contact.schema";

export type ContactStatusValue = (typeof CONTACT_STATUSES)[number];

export interface ContactsFilter {
  q: string;
  status: ContactStatusValue | "";
  tag: string;
}

export const CONTACTS_PAGE_SIZE = 50;

export function parseContactsFilter(params: Record<string, string | string[] | undefined>): ContactsFilter {
  const text = (name: string, max: number) => {
    const value = params[name];
    return typeof value === "string" ? value.slice(0, max) : "";
  };
  const status = text("status", 20);
  return {
    q: text("q", 200),
    status: (CONTACT_STATUSES as readonly string[]).includes(status) ? (status as ContactStatusValue) : "",
    tag: text("tag", 64),
  };
}

export function contactsListInput(filter: ContactsFilter) {
  const q = filter.q.trim();
  const tag = filter.tag.trim();
  return {
    ...(q ? { q } : {}),
    ...(filter.status ? { status: filter.status } : {}),
    ...(tag ? { tag } : {}),
    limit: CONTACTS_PAGE_SIZE,
  };
}

/** The contact page's activity list: the latest events of one contact (indexed by contact_id, id). */
export function contactEventsInput(contactId: string) {
  return { contact_id: contactId, limit: 20 };
}
