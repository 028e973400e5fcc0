// Every /api/3 operation (ActiveCampaign's v3 API, as Hookline answers it), described with the zod
// schemas its route validates with. They join the one document under their own tag; their errors
// are AC's (dialect "activecampaign"), not /api/v1's.
import { z } from "zod";
import {
  acContactCreateBody,
  acContactListQuery,
  acContactTagBody,
  acContactUpdateBody,
} from "@/server/activecampaign/ac.contacts";
import { AC_EVENT_NAMES } from "@/server/activecampaign/ac.events";
import { acIdParams } from "@/server/activecampaign/ac.handler";
import { acListPage } from "@/server/activecampaign/ac.paging";
import {
  type AcWebhook,
  acWebhookCreateBody,
  acWebhookListQuery,
  acWebhookUpdateBody,
} from "@/server/activecampaign/ac.webhooks";
import { EVENT_SOURCES } from "@/shared/event.catalogue";
import { type ApiOperation, op } from "./operations";

const acTime = z.string().meta({ example: "2026-11-28T10:00:00+00:00", description: "With its offset." });
const total = z
  .string()
  .meta({ description: "How many there are in all (a string, as AC sends it).", example: "2" });

const acWebhook = z
  .object({
    cdate: acTime,
    listid: z.literal("0").meta({ description: "Hookline has no lists: always the account-level 0." }),
    name: z.string(),
    url: z.string(),
    events: z.array(z.enum(AC_EVENT_NAMES)),
    sources: z.array(z.enum(EVENT_SOURCES)),
    links: z.array(z.never()),
    id: z.string().meta({
      description: "The hook's id, the same as in /api/v1.",
      example: "hook_0SbKq2vJ8m1yZxW3pQ4rT5uV6w",
    }),
  })
  .meta({ id: "AcWebhook" }) satisfies z.ZodType<AcWebhook>;

const webhookAnswer = z.object({ webhook: acWebhook }).meta({ id: "AcWebhookAnswer" });

const acContact = z
  .object({
    cdate: acTime,
    udate: acTime,
    email: z.string(),
    phone: z.string(),
    firstName: z.string(),
    lastName: z.string(),
    orgid: z.string(),
    orgname: z.string(),
    bounced_hard: z.enum(["0", "1"]).meta({ description: '"1" when the contact\'s status is bounced.' }),
    bounced_soft: z.string(),
    deleted: z.string(),
    anonymized: z.string(),
    created_timestamp: z.string(),
    updated_timestamp: z.string(),
    links: z.object({}),
    id: z.string().meta({
      description: "The contact's id, the same as in /api/v1.",
      example: "ctc_0SbKq2vJ8m1yZxW3pQ4rT5uV6w",
    }),
    organization: z.null(),
  })
  .meta({ id: "AcContact" });

const acFieldValue = z
  .object({
    contact: z.string(),
    field: z.string().meta({ description: "The field's id, which is its name." }),
    value: z.string(),
    cdate: acTime,
    udate: acTime,
    links: z.object({}),
    id: z.string(),
    owner: z.string(),
  })
  .meta({ id: "AcFieldValue" });

const acContactTag = z
  .object({
    cdate: acTime,
    contact: z.string(),
    tag: z.string().meta({ description: "The tag's id, which is its name." }),
    links: z.object({}),
    id: z.string().meta({
      description: '"<contact id>:<tag>", the same for the same pair.',
      example: "ctc_0SbKq2vJ8m1yZxW3pQ4rT5uV6w:vip",
    }),
  })
  .meta({ id: "AcContactTag" });

const contactAnswer = z
  .object({ fieldValues: z.array(acFieldValue), contact: acContact })
  .meta({ id: "AcContactAnswer" });

const tag = "ActiveCampaign (v3)" as const;
const dialect = "activecampaign" as const;

const contactParams = acIdParams.extend({
  id: acIdParams.shape.id.meta({ description: "The contact's id (ctc_…)." }),
});
const webhookParams = acIdParams.extend({
  id: acIdParams.shape.id.meta({ description: "The webhook's id (hook_…)." }),
});

export const AC_OPERATIONS: ApiOperation[] = [
  op("get", "/api/3/users/me", {
    scope: null,
    operationId: "acGetUser",
    tag,
    dialect,
    summary: "The calling key, as AC's user",
    description: "Integrations' credential check. `username` is the API key's name.",
    response: {
      status: 200,
      description: "The user.",
      schema: z
        .object({
          user: z.object({
            username: z.string(),
            firstName: z.string(),
            lastName: z.string(),
            email: z.string().meta({ description: "The email of the admin who made the key, or empty." }),
            phone: z.string(),
            signature: z.null(),
            links: z.object({}),
            id: z.string().meta({ description: "The API key's id (key_…)." }),
          }),
        })
        .meta({ id: "AcUser" }),
    },
  }),
  op("get", "/api/3/fields", {
    scope: "contacts:read",
    operationId: "acListFields",
    tag,
    dialect,
    summary: "List custom fields",
    description: "The custom field names contacts use; a field's `id` is its name.",
    query: acListPage,
    response: {
      status: 200,
      description: "A page of fields.",
      schema: z
        .object({
          fieldOptions: z.array(z.never()),
          fieldRels: z.array(z.never()),
          fields: z.array(
            z.object({ title: z.string(), perstag: z.string(), type: z.string(), id: z.string() }),
          ),
          meta: z.object({ total }),
        })
        .meta({ id: "AcFieldList" }),
    },
  }),
  op("get", "/api/3/webhook/events", {
    scope: null,
    operationId: "acListWebhookEvents",
    tag,
    dialect,
    summary: "List webhook events",
    description:
      "The events Hookline raises, in AC's names: `subscribe` (contact.created, contact.subscribed), `unsubscribe`, " +
      "`update`, `contact_tag_added`, `contact_tag_removed`, `bounce`. Here `meta.total` is a number, as AC sends it.",
    query: acListPage,
    response: {
      status: 200,
      description: "A page of event names.",
      schema: z
        .object({
          webhookEvents: z.array(z.enum(AC_EVENT_NAMES)),
          meta: z.object({ total: z.number().int() }),
        })
        .meta({ id: "AcWebhookEvents" }),
    },
  }),
  op("get", "/api/3/webhooks", {
    scope: "hooks",
    operationId: "acListWebhooks",
    tag,
    dialect,
    summary: "List webhooks",
    description:
      "The calling key's hooks (made here or through /api/v1), oldest first. `filters[name]` and `filters[url]` match exactly; " +
      '`filters[listid]` other than "0" matches nothing.',
    query: acWebhookListQuery,
    response: {
      status: 200,
      description: "A page of webhooks.",
      schema: z
        .object({ webhooks: z.array(acWebhook), meta: z.object({ total }) })
        .meta({ id: "AcWebhookList" }),
    },
  }),
  op("post", "/api/3/webhooks", {
    scope: "hooks",
    operationId: "acCreateWebhook",
    tag,
    dialect,
    summary: "Create a webhook",
    description:
      "Active at once: no handshake is POSTed (AC has none), but the target guard applies. Its deliveries use " +
      "`format: activecampaign`, AC's form-encoded body, signed like every delivery. It is a hook like any other: " +
      "/api/v1 and the admin UI show it, owned by the key.",
    body: acWebhookCreateBody,
    response: { status: 201, description: "The webhook.", schema: webhookAnswer },
    errors: ["target_not_allowed"],
  }),
  op("get", "/api/3/webhooks/{id}", {
    scope: "hooks",
    operationId: "acGetWebhook",
    tag,
    dialect,
    summary: "Retrieve a webhook",
    params: webhookParams,
    response: { status: 200, description: "The webhook.", schema: webhookAnswer },
  }),
  op("put", "/api/3/webhooks/{id}", {
    scope: "hooks",
    operationId: "acUpdateWebhook",
    tag,
    dialect,
    summary: "Update a webhook",
    description: "Any field; a new url gets no handshake either.",
    params: webhookParams,
    body: acWebhookUpdateBody,
    response: { status: 200, description: "The webhook.", schema: webhookAnswer },
    errors: ["target_not_allowed"],
  }),
  op("delete", "/api/3/webhooks/{id}", {
    scope: "hooks",
    operationId: "acDeleteWebhook",
    tag,
    dialect,
    summary: "Delete a webhook",
    params: webhookParams,
    response: { status: 200, description: "Deleted: `{}`.", schema: z.object({}) },
  }),
  op("get", "/api/3/contacts", {
    scope: "contacts:read",
    operationId: "acListContacts",
    tag,
    dialect,
    summary: "List contacts",
    description: "Oldest first. `search` matches a prefix of the email or name; `tagid` is a tag's name.",
    query: acContactListQuery,
    response: {
      status: 200,
      description: "A page of contacts.",
      schema: z
        .object({ scoreValues: z.array(z.never()), contacts: z.array(acContact), meta: z.object({ total }) })
        .meta({ id: "AcContactList" }),
    },
  }),
  op("post", "/api/3/contacts", {
    scope: "contacts:write",
    operationId: "acCreateContact",
    tag,
    dialect,
    summary: "Create a contact",
    description: "`fieldValues` set custom fields by name. An email in use is 422 `duplicate`.",
    body: acContactCreateBody,
    response: { status: 201, description: "The contact.", schema: contactAnswer },
    errors: ["conflict"],
  }),
  op("post", "/api/3/contact/sync", {
    scope: "contacts:write",
    operationId: "acSyncContact",
    tag,
    dialect,
    summary: "Create or update a contact by email",
    description:
      "201 when it was created, 200 when the contact with that email was updated (fieldValues merged).",
    body: acContactCreateBody,
    response: { status: 201, description: "The contact.", schema: contactAnswer },
  }),
  op("get", "/api/3/contacts/{id}", {
    scope: "contacts:read",
    operationId: "acGetContact",
    tag,
    dialect,
    summary: "Retrieve a contact",
    params: contactParams,
    response: {
      status: 200,
      description: "The contact, its tags and field values.",
      schema: contactAnswer.extend({ contactTags: z.array(acContactTag) }).meta({ id: "AcContactWithTags" }),
    },
  }),
  op("put", "/api/3/contacts/{id}", {
    scope: "contacts:write",
    operationId: "acUpdateContact",
    tag,
    dialect,
    summary: "Update a contact",
    description: "Any field; the `fieldValues` given are set and the contact's other fields kept.",
    params: contactParams,
    body: acContactUpdateBody,
    response: { status: 200, description: "The contact.", schema: contactAnswer },
    errors: ["conflict"],
  }),
  op("delete", "/api/3/contacts/{id}", {
    scope: "contacts:write",
    operationId: "acDeleteContact",
    tag,
    dialect,
    summary: "Delete a contact",
    params: contactParams,
    response: { status: 200, description: "Deleted: `{}`.", schema: z.object({}) },
  }),
  op("post", "/api/3/contactTags", {
    scope: "contacts:write",
    operationId: "acAddContactTag",
    tag,
    dialect,
    summary: "Tag a contact",
    description: "A tag's id is its name. Tagging twice answers the same association.",
    body: acContactTagBody,
    response: {
      status: 201,
      description: "The association.",
      schema: z
        .object({ contacts: z.array(acContact), contactTag: acContactTag })
        .meta({ id: "AcContactTagAnswer" }),
    },
  }),
  op("delete", "/api/3/contactTags/{id}", {
    scope: "contacts:write",
    operationId: "acRemoveContactTag",
    tag,
    dialect,
    summary: "Untag a contact",
    params: acIdParams.extend({
      id: acIdParams.shape.id.meta({ description: 'The association\'s id, "<contact id>:<tag>".' }),
    }),
    response: { status: 200, description: "Removed: `{}`.", schema: z.object({}) },
  }),
];
