// Every /api/v1 operation, described with the same zod schemas its route validates with.
// Adding a route to the document is one entry in API_OPERATIONS (a test fails until you do);
// /api/3's are in activecampaign.operations.ts.
import { z } from "zod";
import {
  DELIVERY_STATUSES,
  type DeliveryAttemptResource,
  type DeliveryResource,
  deliveryListQuery,
  deliveryParams,
  hookDeliveryParams,
  hookTestInput,
  recoverInput,
} from "@/server/delivery/delivery.schema";
import type { ErrorCode } from "@/server/errors";
import {
  hookCreateInput,
  hookIdParams,
  hookListPage,
  hookListQuery,
  hookResource,
  hookSecretAnswer,
  hookUpdateInput,
  hookWithSecret,
} from "@/server/hooks/hook.schema";
import { portalSessionInput } from "@/server/portal/portal-session.service";
import type { ApiKeyScope } from "@/shared/api-key-scopes";
import {
  CONTACT_STATUSES,
  type ContactResource,
  contactCreateInput,
  contactListQuery,
  contactTagInput,
  contactUpdateInput,
} from "@/shared/contact.schema";
import { EVENT_CATALOGUE } from "@/shared/event.catalogue";

export type HttpMethod = "get" | "post" | "put" | "patch" | "delete";

export const API_TAGS = [
  { name: "Contacts", description: "The people in the account. Every change publishes an event." },
  { name: "Events", description: "The catalogue of event types a hook can subscribe to." },
  {
    name: "Hooks",
    description:
      "REST Hooks subscriptions. A hook belongs to the API key that created it; another key's hook is 404.",
  },
  { name: "Deliveries", description: "What was sent to a hook, every attempt, and replays." },
  {
    name: "Portal",
    description:
      "Links to a self-service portal where the calling key's hooks are managed in a browser — embeddable in your own site.",
  },
  { name: "Reference", description: "This document." },
  {
    name: "ActiveCampaign (v3)",
    description:
      "ActiveCampaign's v3 API under /api/3, for integrations written against it: the same API keys (send them as " +
      "`Api-Token`), the same contacts and hooks, in AC's shapes — string ids, `meta.total`, and AC's errors: " +
      '`{"errors": [{"title", "detail", "code", "source"}]}` with 422, `{"message"}` with 403 (no or bad key) and 404.',
  },
] as const;
export type ApiTag = (typeof API_TAGS)[number]["name"];

export interface ApiOperation {
  method: HttpMethod;
  /** The full path with {param} placeholders, as Next's [param] folders spell it. */
  path: string;
  operationId: string;
  tag: ApiTag;
  summary: string;
  description?: string;
  params?: z.ZodObject;
  query?: z.ZodObject;
  headers?: z.ZodObject;
  body?: z.ZodType;
  /** The body may be left out (the route's `bodyOptional`). */
  bodyOptional?: boolean;
  response: { status: number; description: string; schema?: z.ZodType };
  /**
   * Codes this operation can answer besides the ones every operation shares (401, 500, 503) and the ones
   * its inputs imply (400/413/415 with a body, 400 with a query, 404 with a path parameter).
   */
  errors?: ErrorCode[];
  /** false for the few routes that need no API key. */
  auth?: boolean;
  /**
   * The scope an API key needs, as the route's wrapper enforces it (null: any valid key). Every
   * operation that takes a key names one; api-key-scopes.rest.test.ts calls each with each scope.
   */
  scope?: ApiKeyScope | null;
  /** The error bodies and statuses it answers with: /api/v1's (default) or ActiveCampaign's. */
  dialect?: "activecampaign";
}

/** One line per route: `op("post", "/api/v1/hooks/{id}/ping", {
    scope: "hooks", … })`. */
export function op(
  method: HttpMethod,
  path: string,
  rest: Omit<ApiOperation, "method" | "path">,
): ApiOperation {
  return { method, path, ...rest };
}

const isoTime = z.string().meta({ format: "date-time", example: "2026-11-28T10:00:00.000Z" });

export const contactResource = z
  .object({
    id: z.string().meta({ example: "ctc_0SbKq2vJ8m1yZxW3pQ4rT5uV6w" }),
    email: z.string().meta({ example: "ada@example.com" }),
    first_name: z.string().nullable(),
    last_name: z.string().nullable(),
    phone: z.string().nullable(),
    status: z.enum(CONTACT_STATUSES),
    tags: z.array(z.string()),
    fields: z.record(z.string(), z.unknown()),
    created_at: isoTime,
    updated_at: isoTime,
  })
  .meta({ id: "Contact" }) satisfies z.ZodType<ContactResource>;

const contactListPage = z
  .object({ data: z.array(contactResource), next_cursor: z.string().nullable() })
  .meta({ id: "ContactList" });

const eventCatalogue = z
  .object({
    data: z.array(
      z.object({
        type: z.enum(EVENT_CATALOGUE.map((entry) => entry.type) as [string, ...string[]]),
        description: z.string(),
      }),
    ),
  })
  .meta({ id: "EventCatalogue" });

const deliveryResource = z
  .object({
    id: z.string().meta({ description: "The delivery id (msg_…), also the webhook-id header." }),
    event_id: z.string(),
    event_type: z.string(),
    sequence: z.number().int(),
    status: z.enum(DELIVERY_STATUSES),
    attempt_count: z.number().int(),
    created_at: isoTime,
    delivered_at: isoTime.nullable(),
    next_attempt_at: isoTime.nullable(),
    last_status_code: z.number().int().nullable(),
  })
  .meta({ id: "Delivery" }) satisfies z.ZodType<DeliveryResource>;

const headerMap = z.record(z.string(), z.string());
const deliveryAttempt = z
  .object({
    number: z.number().int(),
    started_at: isoTime,
    duration_ms: z.number().int(),
    status_code: z.number().int().nullable(),
    error: z.string().nullable(),
    request: z.object({ headers: headerMap, body: z.string() }),
    response: z
      .object({ headers: headerMap, body: z.string().meta({ description: "The first 20 KB." }) })
      .nullable(),
  })
  .meta({ id: "DeliveryAttempt" }) satisfies z.ZodType<DeliveryAttemptResource>;

const deliveryWithAttempts = deliveryResource
  .extend({ attempts: z.array(deliveryAttempt) })
  .meta({ id: "DeliveryWithAttempts" });

const deliveryListPage = z
  .object({ data: z.array(deliveryResource), next_cursor: z.string().nullable() })
  .meta({ id: "DeliveryList" });

const contactIdParams = z.object({ id: z.string().meta({ description: "The contact's id (ctc_…)." }) });
const contactTagParams = contactIdParams.extend({
  tag: z.string().meta({ description: "The tag to remove." }),
});

export const API_OPERATIONS: ApiOperation[] = [
  // Contacts
  op("get", "/api/v1/contacts", {
    scope: "contacts:read",
    operationId: "listContacts",
    tag: "Contacts",
    summary: "List contacts",
    description:
      "Newest first. `q` finds any part of the email (so a domain), the name or the `company` field, in any case; one or two characters match the start of the email or a name.",
    query: contactListQuery,
    response: { status: 200, description: "A page of contacts.", schema: contactListPage },
  }),
  op("post", "/api/v1/contacts", {
    scope: "contacts:write",
    operationId: "createContact",
    tag: "Contacts",
    summary: "Create a contact",
    body: contactCreateInput,
    response: { status: 201, description: "The new contact.", schema: contactResource },
    errors: ["conflict"],
  }),
  op("get", "/api/v1/contacts/{id}", {
    scope: "contacts:read",
    operationId: "getContact",
    tag: "Contacts",
    summary: "Get a contact",
    params: contactIdParams,
    response: { status: 200, description: "The contact.", schema: contactResource },
  }),
  op("patch", "/api/v1/contacts/{id}", {
    scope: "contacts:write",
    operationId: "updateContact",
    tag: "Contacts",
    summary: "Update a contact",
    description: "Any writable field. A status change raises its own event (contact.unsubscribed, …).",
    params: contactIdParams,
    body: contactUpdateInput,
    response: { status: 200, description: "The updated contact.", schema: contactResource },
    errors: ["conflict"],
  }),
  op("delete", "/api/v1/contacts/{id}", {
    scope: "contacts:write",
    operationId: "deleteContact",
    tag: "Contacts",
    summary: "Delete a contact",
    params: contactIdParams,
    response: { status: 204, description: "Deleted." },
  }),
  op("post", "/api/v1/contacts/{id}/tags", {
    scope: "contacts:write",
    operationId: "addContactTag",
    tag: "Contacts",
    summary: "Add a tag",
    params: contactIdParams,
    body: contactTagInput,
    response: { status: 200, description: "The contact with the tag.", schema: contactResource },
  }),
  op("delete", "/api/v1/contacts/{id}/tags/{tag}", {
    scope: "contacts:write",
    operationId: "removeContactTag",
    tag: "Contacts",
    summary: "Remove a tag",
    params: contactTagParams,
    response: { status: 200, description: "The contact without the tag.", schema: contactResource },
  }),

  // Events
  op("get", "/api/v1/events", {
    scope: null,
    operationId: "listEventTypes",
    tag: "Events",
    summary: "List event types",
    response: { status: 200, description: "The event catalogue.", schema: eventCatalogue },
  }),

  // Hooks
  op("post", "/api/v1/hooks", {
    scope: "hooks",
    operationId: "createHook",
    tag: "Hooks",
    summary: "Subscribe a URL to events",
    description:
      'Before answering, POSTs `{"type": "hook.verification", "hook": {…}}` with an `X-Hook-Secret` header to the target. ' +
      "A 2xx that echoes the header makes the hook `active`; a 2xx without it leaves it `pending` until the receiver calls " +
      "`/activate`; anything else (non-2xx, 10 s timeout, connection error) is `422 intent_verification_failed` and nothing is stored. " +
      'Accepts Zapier\'s `{"target_url", "event"}`. The signing secret is returned here, once.',
    body: hookCreateInput,
    response: { status: 201, description: "The hook, with its signing secret.", schema: hookWithSecret },
    errors: ["intent_verification_failed", "target_not_allowed"],
  }),
  op("get", "/api/v1/hooks", {
    scope: "hooks",
    operationId: "listHooks",
    tag: "Hooks",
    summary: "List your hooks",
    description: "The calling API key's hooks, newest first, each with delivery stats.",
    query: hookListQuery,
    response: { status: 200, description: "A page of hooks.", schema: hookListPage },
  }),
  op("get", "/api/v1/hooks/{id}", {
    scope: "hooks",
    operationId: "getHook",
    tag: "Hooks",
    summary: "Get a hook",
    params: hookIdParams,
    response: { status: 200, description: "The hook.", schema: hookResource },
  }),
  op("patch", "/api/v1/hooks/{id}", {
    scope: "hooks",
    operationId: "updateHook",
    tag: "Hooks",
    summary: "Update a hook",
    description:
      "A new `target_url` goes through intent verification again (with the current secret); if it fails, nothing changes. " +
      '`status: "active"` on a hook that awaits confirmation is 409.',
    params: hookIdParams,
    body: hookUpdateInput,
    response: { status: 200, description: "The updated hook.", schema: hookResource },
    errors: ["conflict", "intent_verification_failed", "target_not_allowed"],
  }),
  op("delete", "/api/v1/hooks/{id}", {
    scope: "hooks",
    operationId: "deleteHook",
    tag: "Hooks",
    summary: "Delete a hook",
    description: "Its pending deliveries are cancelled.",
    params: hookIdParams,
    response: { status: 204, description: "Deleted." },
  }),
  op("post", "/api/v1/hooks/{id}/activate", {
    scope: "hooks",
    operationId: "activateHook",
    tag: "Hooks",
    summary: "Confirm a pending hook",
    description: "The receiver's delayed confirmation: send back the X-Hook-Secret the handshake carried.",
    params: hookIdParams,
    headers: z.object({
      "x-hook-secret": z.string().meta({ description: "The secret sent in the verification request." }),
    }),
    response: { status: 200, description: "The hook, now active.", schema: hookResource },
    errors: ["forbidden", "conflict"],
  }),
  op("post", "/api/v1/hooks/{id}/rotate-secret", {
    scope: "hooks",
    operationId: "rotateHookSecret",
    tag: "Hooks",
    summary: "Rotate the signing secret",
    description: "Returns the new secret, once. The old one keeps signing (alongside) for 24 hours.",
    params: hookIdParams,
    response: { status: 200, description: "The new secret.", schema: hookSecretAnswer },
  }),

  // Deliveries
  op("post", "/api/v1/hooks/{id}/ping", {
    scope: "hooks",
    operationId: "pingHook",
    tag: "Deliveries",
    summary: "Send a test event",
    description: "Queues a `hook.ping` delivery to this hook only.",
    params: hookDeliveryParams,
    response: {
      status: 202,
      description: "Queued.",
      schema: z.object({ delivery_id: z.string() }).meta({ id: "PingAnswer" }),
    },
  }),
  op("post", "/api/v1/hooks/{id}/test", {
    scope: "hooks",
    operationId: "sendTestEvent",
    tag: "Deliveries",
    summary: "Send an example event",
    description:
      "Sends a made-up example of the event type to this hook only, whatever events it hears, through the engine: " +
      'signed and logged like any delivery, in the hook\'s format, and marked as a test (`"test": true` in a JSON ' +
      "body, `test=1` in an activecampaign one). The examples are those the receiving guide (/docs/webhooks) shows.",
    params: hookDeliveryParams,
    body: hookTestInput,
    response: {
      status: 202,
      description: "Queued.",
      schema: z.object({ delivery_id: z.string() }).meta({ id: "TestEventAnswer" }),
    },
    errors: ["conflict"],
  }),
  op("get", "/api/v1/hooks/{id}/deliveries", {
    scope: "deliveries:read",
    operationId: "listDeliveries",
    tag: "Deliveries",
    summary: "List a hook's deliveries",
    description: "Newest first.",
    params: hookDeliveryParams,
    query: deliveryListQuery,
    response: { status: 200, description: "A page of deliveries.", schema: deliveryListPage },
  }),
  op("get", "/api/v1/hooks/{id}/deliveries/{delivery_id}", {
    scope: "deliveries:read",
    operationId: "getDelivery",
    tag: "Deliveries",
    summary: "Get a delivery with every attempt",
    params: deliveryParams,
    response: { status: 200, description: "The delivery and its attempts.", schema: deliveryWithAttempts },
  }),
  op("post", "/api/v1/hooks/{id}/deliveries/{delivery_id}/redeliver", {
    scope: "hooks",
    operationId: "redeliverDelivery",
    tag: "Deliveries",
    summary: "Send a delivery again",
    params: deliveryParams,
    response: { status: 202, description: "Queued again.", schema: z.object({}) },
  }),
  op("post", "/api/v1/hooks/{id}/recover", {
    scope: "hooks",
    operationId: "recoverDeliveries",
    tag: "Deliveries",
    summary: "Resend every failed delivery since a time",
    params: hookDeliveryParams,
    body: recoverInput,
    response: {
      status: 202,
      description: "How many deliveries were queued again.",
      schema: z.object({ requeued: z.number().int() }).meta({ id: "RecoverAnswer" }),
    },
  }),

  // Portal
  op("post", "/api/v1/portal-sessions", {
    scope: "hooks",
    operationId: "createPortalSession",
    tag: "Portal",
    summary: "Make a link to the key's self-service portal",
    description:
      "Returns a signed link, valid for `expires_in` seconds (default 3600, at most 86400), to a portal that shows " +
      "this key's hooks only: create (with the handshake), edit, disable, delete, rotate secrets, delivery history, " +
      "redeliver, recover, ping, example events, the event catalogue and the receiving guide. Hand it to the person " +
      "who manages the integration, or put it in an iframe on your own site (the operator allows your origin with " +
      "`HOOKLINE_PORTAL_FRAME_ANCESTORS`). Whoever holds the link can do what the key's hooks scope allows until it " +
      "expires; an admin can revoke a key's links, and revoking or expiring the key closes them too.",
    body: portalSessionInput,
    bodyOptional: true,
    response: {
      status: 201,
      description: "The link and when it expires.",
      schema: z
        .object({
          url: z
            .string()
            .meta({ example: "https://hooks.example.com/portal/pts_0SbKq2vJ8m1yZxW3pQ4rT5u.t6q1z0.Yf…" }),
          expires_at: isoTime,
        })
        .meta({ id: "PortalSession" }),
    },
    errors: ["conflict"],
  }),

  // Reference
  op("get", "/api/v1/openapi.json", {
    operationId: "getOpenApiDocument",
    tag: "Reference",
    summary: "This OpenAPI document",
    auth: false,
    response: { status: 200, description: "The OpenAPI 3.1 document of /api/v1." },
  }),
];
