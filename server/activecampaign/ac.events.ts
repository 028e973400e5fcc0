// ActiveCampaign's webhook event names and Hookline's event types, both ways. Only events Hookline
// raises are here: an integration offering AC's list to its users offers nothing that never fires.
import { CONTACT_EVENT_TYPES, type ContactEventType } from "@/shared/event.catalogue";

/**
 * Each AC event and the Hookline events it stands for. AC's `subscribe` is "contact added": a new
 * contact (contact.created) as much as a status back to subscribed. contact.deleted has no AC name.
 */
export const AC_EVENTS = {
  subscribe: ["contact.created", "contact.subscribed"],
  unsubscribe: ["contact.unsubscribed"],
  update: ["contact.updated"],
  contact_tag_added: ["contact.tag_added"],
  contact_tag_removed: ["contact.tag_removed"],
  bounce: ["contact.bounced"],
} as const satisfies Record<string, readonly ContactEventType[]>;

export type AcEventName = keyof typeof AC_EVENTS;
export const AC_EVENT_NAMES = Object.keys(AC_EVENTS) as AcEventName[];

const NAME_OF = new Map<string, AcEventName>(
  AC_EVENT_NAMES.flatMap((name) => AC_EVENTS[name].map((type) => [type, name] as const)),
);

/** The AC name a Hookline event type goes out as; undefined where AC has none. */
export function acEventName(type: string): AcEventName | undefined {
  return NAME_OF.get(type);
}

export function isAcEventName(value: string): value is AcEventName {
  return Object.hasOwn(AC_EVENTS, value);
}

/** The Hookline event types behind AC names, once each, in catalogue order. */
export function toHooklineEvents(names: readonly AcEventName[]): ContactEventType[] {
  const wanted = new Set<string>(names.flatMap((name) => AC_EVENTS[name]));
  return CONTACT_EVENT_TYPES.filter((type) => wanted.has(type));
}

/** A hook's events as AC names (`*` is every one), once each, in AC_EVENT_NAMES order. */
export function toAcEventNames(events: readonly string[]): AcEventName[] {
  if (events.includes("*")) return [...AC_EVENT_NAMES];
  const names = new Set(events.map(acEventName));
  return AC_EVENT_NAMES.filter((name) => names.has(name));
}
