// The `activecampaign` body format: what ActiveCampaign's own webhooks POST, so receivers written
// for them (workflow tools' ActiveCampaign triggers, form-parsing scripts) take Hookline's as they
// are. A form-encoded body with flat, literal keys (`contact[email]`), which a querystring parser
// reads without nesting; ACTIVECAMPAIGN.md (B6) has the reference shape.
import { acEventName } from "@/server/activecampaign/ac.events";
import { acTime } from "@/server/activecampaign/ac.time";
import type { DeliveryMessage } from "./delivery.payload";

export const ACTIVECAMPAIGN_CONTENT_TYPE = "application/x-www-form-urlencoded; charset=utf-8";

/** A value as a form field: text as it is, null as empty, anything else as its JSON text. */
function formValue(value: unknown): string {
  if (value === null || value === undefined) return "";
  return typeof value === "string" ? value : JSON.stringify(value);
}

/** Nested objects become bracketed keys (`data[hook][id]`), as AC's own blocks are. */
function appendFlat(form: URLSearchParams, key: string, value: unknown): void {
  if (value !== null && typeof value === "object" && !Array.isArray(value)) {
    for (const [name, inner] of Object.entries(value)) appendFlat(form, `${key}[${name}]`, inner);
  } else {
    form.append(key, formValue(value));
  }
}

function appendContact(form: URLSearchParams, contact: Record<string, unknown>): void {
  form.append("contact[id]", formValue(contact.id));
  form.append("contact[email]", formValue(contact.email));
  form.append("contact[first_name]", formValue(contact.first_name));
  form.append("contact[last_name]", formValue(contact.last_name));
  form.append("contact[phone]", formValue(contact.phone));
  // Tags cannot hold commas (contact.schema), so the list splits back on ", " exactly.
  const tags = Array.isArray(contact.tags) ? contact.tags : [];
  form.append("contact[tags]", tags.join(", "));
  // A custom field's id is its name (GET /api/3/fields lists them that way).
  const fields = contact.fields && typeof contact.fields === "object" ? contact.fields : {};
  for (const [name, value] of Object.entries(fields))
    form.append(`contact[fields][${name}]`, formValue(value));
}

// Keyed by the event object: a fan-out hands every hook's delivery of one event the same object,
// and nothing in this body depends on the hook.
const bodyCache = new WeakMap<DeliveryMessage["event"], string>();

/**
 * The body for one event. `type` is AC's name for the event (subscribe, update, …) and Hookline's
 * own type where AC has none (contact.deleted, hook.ping). It carries the contact always: AC's
 * webhooks have no skinny form, so a hook's `payload` setting does not apply to this format.
 */
export function buildActiveCampaignBody(message: DeliveryMessage): string {
  const { event } = message;
  const cached = bodyCache.get(event);
  if (cached !== undefined) return cached;
  const form = new URLSearchParams();
  form.append("type", acEventName(event.type) ?? event.type);
  form.append("date_time", acTime(event.createdAt));
  form.append("initiated_from", event.source);
  form.append("initiated_by", event.actor);
  // Hookline has no lists: AC's "account-level" list id.
  form.append("list", "0");
  if (event.contactId) {
    appendContact(form, event.payload);
    const tag = event.detail?.tag;
    if (typeof tag === "string") form.append("tag", tag);
  } else {
    appendFlat(form, "data", event.payload);
  }
  // A made-up example (POST /api/v1/hooks/{id}/test): AC has no such field, so it is Hookline's own.
  if (event.test) form.append("test", "1");
  const body = form.toString();
  bodyCache.set(event, body);
  return body;
}
