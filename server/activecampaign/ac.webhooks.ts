// ActiveCampaign's webhooks are Hookline's hooks: this maps one onto the other, both ways. AC's
// bodies become the very input /api/v1 validates (piped into hookCreateInput / hookUpdateInput),
// so the hook rules stay in server/hooks; only AC's names and requirements are added here.
import { z } from "zod";
import { type HookResource, hookCreateInput, hookUpdateInput } from "@/server/hooks/hook.schema";
import { EVENT_SOURCES } from "@/shared/event.catalogue";
import { type AcEventName, isAcEventName, toAcEventNames, toHooklineEvents } from "./ac.events";
import { acListPage } from "./ac.paging";
import { acTime } from "./ac.time";

export interface AcWebhook {
  cdate: string;
  listid: string;
  name: string;
  url: string;
  events: AcEventName[];
  sources: string[];
  links: never[];
  id: string;
}

export function toAcWebhook(hook: HookResource): AcWebhook {
  return {
    cdate: acTime(new Date(hook.created_at)),
    // Hookline has no lists: every hook hears the whole account, AC's list "0".
    listid: "0",
    name: hook.name ?? "",
    url: hook.target_url,
    events: toAcEventNames(hook.events),
    sources: hook.sources,
    links: [],
    id: hook.id,
  };
}

/** Hookline's field names → the attributes of AC's webhook, for 422 pointers. */
export const WEBHOOK_ATTRIBUTES = { target_url: "url" };

const required = (what: string, type = "text") => ({
  error: (issue: { input?: unknown }) =>
    issue.input === undefined
      ? `The webhook ${what} was not provided.`
      : `The webhook ${what} must be ${type}.`,
});

const name = z.string(required("name")).trim().min(1, "The webhook name was not provided.");
const url = z
  .string(required("url"))
  .trim()
  .min(1, "The webhook url was not provided.")
  .meta({ description: "Where deliveries go: an http(s) URL the target guard allows." });
const events = z
  .array(
    z.string().refine(isAcEventName, {
      error: (issue) => `Unknown event ${JSON.stringify(issue.input)}; GET /api/3/webhook/events lists them.`,
    }),
    required("events", "a list of event names"),
  )
  .min(1, "Choose at least one event.")
  .meta({ description: "AC event names, from GET /api/3/webhook/events." });
const sources = z
  .array(
    z.enum(EVENT_SOURCES, { error: `Each source is one of ${EVENT_SOURCES.join(", ")}.` }),
    required("sources", "a list of sources"),
  )
  .min(1, "Choose at least one source.");
// Hookline has no lists; AC's account-level "0" (or nothing) is the only list there is.
const listid = z
  .union([z.literal(0), z.literal("0")], {
    error: "Hookline has no lists: leave listid out, or send 0 (every event is account-level).",
  })
  .optional();

const wrapped = <T extends z.ZodRawShape>(shape: T) =>
  z.object({ webhook: z.object(shape, { error: 'Send the webhook as {"webhook": {…}}.' }) });

/** POST /api/3/webhooks: AC requires name, url, events and sources. */
export const acWebhookCreateBody = wrapped({ name, url, events, sources, listid })
  .transform(
    ({ webhook }): z.input<typeof hookCreateInput> => ({
      name: webhook.name,
      target_url: webhook.url,
      events: toHooklineEvents(webhook.events as AcEventName[]),
      sources: webhook.sources,
      format: "activecampaign",
    }),
  )
  .pipe(hookCreateInput);

/** PUT /api/3/webhooks/{id}: every field optional. */
export const acWebhookUpdateBody = wrapped({
  name: name.optional(),
  url: url.optional(),
  events: events.optional(),
  sources: sources.optional(),
  listid,
})
  .transform(
    ({ webhook }): z.input<typeof hookUpdateInput> => ({
      name: webhook.name,
      target_url: webhook.url,
      events: webhook.events && toHooklineEvents(webhook.events as AcEventName[]),
      sources: webhook.sources,
    }),
  )
  .pipe(hookUpdateInput);

/** GET /api/3/webhooks: exact filters, as AC's query parameters spell them. */
export const acWebhookListQuery = acListPage.extend({
  "filters[name]": z.string().max(100).optional(),
  "filters[url]": z.string().max(2048).optional(),
  "filters[listid]": z.string().max(20).optional(),
});
