// What a hook looks like on the way in and out, shared by the REST API, the admin UI and the
// OpenAPI document (which is generated from these very schemas, so it cannot drift from them).
import { z } from "zod";
import { EVENT_SOURCES, isOperationalEventType, SUBSCRIBABLE_EVENT_TYPES } from "@/shared/event.catalogue";

export const HOOK_STATUSES = ["pending", "active", "disabled"] as const;
export const hookStatus = z.enum(HOOK_STATUSES);
export const hookPayloadMode = z.enum(["fat", "skinny"]);
export const HOOK_FORMATS = ["json", "activecampaign"] as const;
export const hookFormat = z.enum(HOOK_FORMATS).meta({
  description:
    "The body: json (default), or activecampaign — ActiveCampaign's form-encoded webhook body. Both are signed the same way.",
});
/** What a hook may be, as shown: also `text`, the admins' alert URL's (set in Settings, not here). */
export const hookFormatShown = z.enum([...HOOK_FORMATS, "text"]).meta({
  description:
    'The body: json, activecampaign, or text — {"text": …} for chat tools, used by the admins\' alert URL only.',
});
export const hookOnGone = z.enum(["delete", "disable"]);
export const eventSource = z.enum(EVENT_SOURCES);

/** `*` subscribes to every contact event, including ones added later. */
export const ALL_EVENTS = "*";

const eventName = z
  .string()
  .trim()
  .max(100)
  .refine(
    (value) => value === ALL_EVENTS || (SUBSCRIBABLE_EVENT_TYPES as readonly string[]).includes(value),
    {
      error: (issue) =>
        `Unknown event type ${JSON.stringify(issue.input)}; GET /api/v1/events lists them, or use "*" for all.`,
    },
  )
  .meta({ description: 'An event type from GET /api/v1/events, or "*" for every contact event.' });

/**
 * Deduplicated, in the order given; `*` swallows every other contact event, but not operational
 * ones (hook.disabled, …), which `*` does not cover.
 */
function normaliseEvents(events: string[]): string[] {
  if (!events.includes(ALL_EVENTS)) return [...new Set(events)];
  return [ALL_EVENTS, ...new Set(events.filter((event) => isOperationalEventType(event)))];
}

const eventList = z
  .array(eventName)
  .min(1, "Subscribe to at least one event.")
  .max(SUBSCRIBABLE_EVENT_TYPES.length + 1);

const sourceList = z
  .array(eventSource)
  .min(1, "Choose at least one source.")
  .transform((sources) => [...new Set(sources)])
  .meta({ description: "Which sources of change this hook hears (default: all four)." });

const targetUrl = z
  .string()
  .trim()
  .min(1, "Give a target URL.")
  .max(2048, "The target URL must be at most 2048 characters.")
  .meta({
    description: "http(s) URL that receives the deliveries.",
    example: "https://example.org/hook/1234",
  });

const hookName = z
  .string()
  .trim()
  .max(100, "Use at most 100 characters for the name.")
  .transform((value) => (value === "" ? null : value))
  .nullable();

/**
 * POST /api/v1/hooks. Accepts both the REST Hooks/Zapier shape ({target_url, event}) and the richer
 * one ({target, events}); unknown fields (Zapier's legacy subscription_url) are ignored.
 */
export const hookCreateInput = z
  .object({
    target_url: targetUrl.optional(),
    target: targetUrl.optional().meta({ description: "Alias of target_url." }),
    event: eventName.optional().meta({ description: "One event type (REST Hooks shape); or use events." }),
    events: eventList.optional(),
    sources: sourceList.optional(),
    payload: hookPayloadMode.optional().meta({ description: "fat (default) or skinny." }),
    format: hookFormat.optional(),
    ordered: z
      .boolean()
      .optional()
      .meta({ description: "Deliver strictly in sequence order (default false)." }),
    on_gone: hookOnGone.optional().meta({ description: "What a 410 answer does (default delete)." }),
    name: hookName.optional(),
  })
  .superRefine((input, ctx) => {
    if (!input.target_url && !input.target) {
      ctx.addIssue({ code: "custom", path: ["target_url"], message: "Give a target_url." });
    }
    if (!input.event && !input.events) {
      ctx.addIssue({ code: "custom", path: ["events"], message: "Give an event or a list of events." });
    }
  })
  .transform((input) => ({
    target_url: (input.target_url ?? input.target) as string,
    events: normaliseEvents([...(input.event ? [input.event] : []), ...(input.events ?? [])]),
    sources: input.sources ?? [...EVENT_SOURCES],
    payload: input.payload ?? "fat",
    format: input.format ?? "json",
    ordered: input.ordered ?? false,
    on_gone: input.on_gone ?? "delete",
    name: input.name ?? null,
  }))
  .meta({ id: "HookCreate" });
export type HookCreateInput = z.output<typeof hookCreateInput>;

/** PATCH /api/v1/hooks/{id}: any writable field; a new target is verified again. */
export const hookUpdateInput = z
  .object({
    target_url: targetUrl.optional(),
    target: targetUrl.optional().meta({ description: "Alias of target_url." }),
    events: eventList.optional(),
    event: eventName.optional().meta({ description: "Replaces events with this one event type." }),
    sources: sourceList.optional(),
    payload: hookPayloadMode.optional(),
    format: hookFormat.optional(),
    ordered: z.boolean().optional(),
    on_gone: hookOnGone.optional(),
    name: hookName.optional(),
    status: z.enum(["active", "disabled"]).optional().meta({
      description:
        "disabled stops deliveries; active resumes them (a hook never confirmed goes back to pending).",
    }),
  })
  .transform((input) => {
    const events = input.events ?? (input.event ? [input.event] : undefined);
    return {
      target_url: input.target_url ?? input.target,
      events: events ? normaliseEvents(events) : undefined,
      sources: input.sources,
      payload: input.payload,
      format: input.format,
      ordered: input.ordered,
      on_gone: input.on_gone,
      name: input.name,
      status: input.status,
    };
  })
  .meta({ id: "HookUpdate" });
export type HookUpdateInput = Partial<z.output<typeof hookUpdateInput>>;

const limit = z.coerce.number().int().min(1).max(100).default(25);
const cursor = z.string().max(200).optional();

/** GET /api/v1/hooks: the caller's own hooks, newest first. */
export const hookListQuery = z.object({ limit, cursor });

/** The admin UI's list: every hook, with filters. */
export const hookAdminListQuery = z.object({
  status: hookStatus.optional(),
  event: z.string().trim().max(100).optional(),
  /** Prefix of the target URL; the scheme may be left out. */
  q: z.string().trim().max(2048).optional(),
  limit,
  cursor,
});
export type HookListFilter = z.output<typeof hookAdminListQuery>;

/** The admin list's filters alone: what its total counts. */
export const hookAdminCountQuery = hookAdminListQuery.omit({ limit: true, cursor: true });
export type HookCountFilter = z.output<typeof hookAdminCountQuery>;

export const hookIdParams = z.object({
  id: z.string().max(64).meta({ description: "The hook's id (hook_…)." }),
});

const isoTime = z.string().meta({ format: "date-time", example: "2026-11-28T10:00:00.000Z" });

export const hookStats = z
  .object({
    delivered: z.number().int(),
    failed: z.number().int(),
    // Counted exactly up to 10,000 (PENDING_COUNT_CAP), then reported as 10,000.
    pending: z
      .number()
      .int()
      .meta({ description: "Deliveries waiting to be sent or retried; at most 10,000." }),
    last_delivery_at: isoTime.nullable(),
    last_status_code: z.number().int().nullable(),
    consecutive_failures: z.number().int(),
  })
  .meta({ id: "HookStats" });

export const hookResource = z
  .object({
    id: z.string().meta({ example: "hook_0SbKq2vJ8m1yZxW3pQ4rT5uV6w" }),
    name: z.string().nullable(),
    target_url: z.string(),
    target: z.string().meta({ description: "Same as target_url (REST Hooks shape)." }),
    events: z.array(z.string()),
    event: z.string().meta({ description: "The first of events (REST Hooks / Zapier shape)." }),
    sources: z.array(eventSource),
    payload: hookPayloadMode,
    format: hookFormatShown,
    ordered: z.boolean(),
    on_gone: hookOnGone,
    status: hookStatus,
    created_at: isoTime,
    stats: hookStats,
  })
  .meta({ id: "Hook" });
export type HookResource = z.output<typeof hookResource>;

/** The create answer: the hook plus its signing secret, shown this once. */
export const hookWithSecret = hookResource
  .extend({
    secret: z.string().meta({ description: "Signing secret: whsec_ + base64 of 32 bytes. Shown once." }),
  })
  .meta({ id: "HookWithSecret" });
export type HookWithSecret = z.output<typeof hookWithSecret>;

export const hookSecretAnswer = z.object({ secret: z.string() }).meta({ id: "HookSecret" });

export const hookOwner = z.object({
  kind: z.enum(["api_key", "admin"]),
  /** The API key's or the user's id; null when the admin who made it has been deleted. */
  id: z.string().nullable(),
  /** The API key's name or the admin's email. */
  name: z.string(),
  revoked: z.boolean(),
});

/** What the admin UI sees: the public shape plus who owns it and why it is disabled. */
export const hookAdminResource = hookResource.extend({
  owner: hookOwner,
  disabled_reason: z.enum(["admin", "api", "gone", "failing", "key_revoked"]).nullable(),
  disabled_at: isoTime.nullable(),
});
export type HookAdminResource = z.output<typeof hookAdminResource>;

export const hookListPage = z
  .object({ data: z.array(hookResource), next_cursor: z.string().nullable() })
  .meta({ id: "HookList" });

/** A hook deleted lately, as the hooks page lists it (`hook.deletions`). */
export const hookDeletion = z.object({
  id: z.string(),
  name: z.string().nullable(),
  target_url: z.string(),
  events: z.array(z.string()),
  api_key_id: z.string().nullable(),
  delivered_count: z.number(),
  failed_count: z.number(),
  created_at: z.string(),
  reason: z.enum(["deleted", "gone"]),
  deleted_by: z.string(),
  deleted_at: z.string(),
});
