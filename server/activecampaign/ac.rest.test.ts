// /api/3, ActiveCampaign's v3 API as Hookline answers it: real route handlers, a real database,
// API keys made by the service, and a real receiver on 127.0.0.1 that must see no handshake.
import { sql } from "kysely";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import * as contactSync from "@/app/api/3/contact/sync/route";
import * as contactById from "@/app/api/3/contacts/[id]/route";
import * as contacts from "@/app/api/3/contacts/route";
import * as contactTagById from "@/app/api/3/contactTags/[id]/route";
import * as contactTags from "@/app/api/3/contactTags/route";
import * as fields from "@/app/api/3/fields/route";
import * as usersMe from "@/app/api/3/users/me/route";
import * as webhookEvents from "@/app/api/3/webhook/events/route";
import * as webhookById from "@/app/api/3/webhooks/[id]/route";
import * as webhooks from "@/app/api/3/webhooks/route";
import * as v1HookById from "@/app/api/v1/hooks/[id]/route";
import { createApiKey, revokeApiKey } from "@/server/auth/api-key.service";
import { overrideConfig } from "@/server/config/config";
import { useDatabase } from "@/server/database";
import { type Receiver, startReceiver } from "@/server/delivery/delivery.test-support";
import { type CallOptions, callRoute } from "@/server/testing/rest-client";
import { createTestDatabase, type TestDatabase } from "@/server/testing/test-database";

let database: TestDatabase;
let receiver: Receiver;
let keyA: { id: string; secret: string };
let keyB: { id: string; secret: string };
overrideConfig({ HOOKLINE_ALLOWED_TARGETS: "127.0.0.0/8" });

beforeAll(async () => {
  database = await createTestDatabase();
  useDatabase(database);
  const admin = await database.db
    .insertInto("users")
    .values({
      id: "usr_ac0000000000000000000001",
      email: "owner@example.com",
      password_hash: "x",
      role: "owner",
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  const a = await createApiKey(database.db, { name: "n8n", createdBy: admin.id });
  const b = await createApiKey(database.db, { name: "Other integrator", createdBy: null });
  keyA = { id: a.apiKey.id, secret: a.secret };
  keyB = { id: b.apiKey.id, secret: b.secret };
  receiver = await startReceiver();
});
afterAll(async () => {
  await receiver.close();
  await database.close();
});
beforeEach(() => {
  receiver.requests.length = 0;
});

type Handler = Parameters<typeof callRoute>[0];

/** A call as AC's clients make it: the key in Api-Token, JSON bodies. */
function ac(handler: Handler, options: CallOptions & { token?: string | null }) {
  const { token = keyA.secret, ...rest } = options;
  return callRoute(handler, {
    ...rest,
    headers: { ...(token === null ? {} : { "api-token": token }), ...rest.headers },
  });
}

async function counts() {
  return database.db
    .selectNoFrom([
      sql<number>`(select count(*)::int from hooks)`.as("hooks"),
      sql<number>`(select count(*)::int from contacts)`.as("contacts"),
      sql<number>`(select count(*)::int from events)`.as("events"),
    ])
    .executeTakeFirstOrThrow();
}

function createWebhook(webhook: unknown, token?: string | null) {
  return ac(webhooks.POST, { method: "POST", path: "/api/3/webhooks", body: { webhook }, token });
}

const webhookBody = (name: string) => ({
  name,
  url: `${receiver.url}/${name}`,
  events: ["subscribe", "update"],
  sources: ["public", "admin", "api", "system"],
});

describe("authentication: Api-Token with the same API keys", () => {
  it("answers 403 with AC's {message} without a key, with an unknown key, and with a revoked one", async () => {
    const missing = await ac(usersMe.GET, { path: "/api/3/users/me", token: null });
    expect(missing.status).toBe(403);
    expect(missing.body).toEqual({ message: "Send your API key in the Api-Token header." });
    const unknown = await ac(usersMe.GET, { path: "/api/3/users/me", token: `hk_${"x".repeat(40)}` });
    expect(unknown.status).toBe(403);
    expect(unknown.body).toEqual({ message: "That API key is not valid." });

    const revoked = await createApiKey(database.db, { name: "gone", createdBy: null });
    await revokeApiKey(database.db, { id: revoked.apiKey.id });
    const answer = await ac(fields.GET, { path: "/api/3/fields", token: revoked.secret });
    expect(answer.status).toBe(403);
    expect(answer.body.message).toMatch(/revoked/);
  });

  it("users/me is the calling key, with the email of the admin who made it", async () => {
    const me = await ac(usersMe.GET, { path: "/api/3/users/me" });
    expect(me.status).toBe(200);
    expect(me.body.user).toMatchObject({ username: "n8n", email: "owner@example.com", id: keyA.id });
    const bearer = await callRoute(usersMe.GET, { path: "/api/3/users/me", apiKey: keyB.secret });
    expect(bearer.body.user).toMatchObject({ username: "Other integrator", email: "", id: keyB.id });
  });
});

describe("webhook events", () => {
  it("lists the events Hookline raises, in AC's names, paged with limit/offset; meta.total is a number", async () => {
    const all = await ac(webhookEvents.GET, { path: "/api/3/webhook/events?limit=100&offset=0" });
    expect(all.status).toBe(200);
    expect(all.body).toEqual({
      webhookEvents: [
        "subscribe",
        "unsubscribe",
        "update",
        "contact_tag_added",
        "contact_tag_removed",
        "bounce",
      ],
      meta: { total: 6 },
    });
    // The event picker's loop: read pages while meta.total exceeds what was read.
    const read: string[] = [];
    for (let offset = 0; ; offset += 4) {
      const page = await ac(webhookEvents.GET, { path: `/api/3/webhook/events?limit=4&offset=${offset}` });
      read.push(...page.body.webhookEvents);
      if (read.length >= page.body.meta.total) break;
    }
    expect(read).toEqual(all.body.webhookEvents);
    const bad = await ac(webhookEvents.GET, { path: "/api/3/webhook/events?limit=abc" });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0]).toMatchObject({ code: "field_invalid", source: { parameter: "limit" } });
  });
});

describe("webhooks", () => {
  it("creates a hook active at once, with no handshake POST, in the activecampaign format", async () => {
    const created = await createWebhook({ ...webhookBody("create"), listid: "0" });
    expect(created.status).toBe(201);
    const webhook = created.body.webhook;
    expect(Object.keys(created.body)).toEqual(["webhook"]);
    expect(webhook).toEqual({
      cdate: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00$/),
      listid: "0",
      name: "create",
      url: `${receiver.url}/create`,
      events: ["subscribe", "update"],
      sources: ["public", "admin", "api", "system"],
      links: [],
      id: expect.stringMatching(/^hook_/),
    });
    // AC has no handshake: the target heard nothing.
    expect(receiver.requests).toHaveLength(0);

    // The same hook through /api/v1, owned by the key: active, AC's events as Hookline's.
    const v1 = await callRoute(v1HookById.GET, {
      path: `/api/v1/hooks/${webhook.id}`,
      apiKey: keyA.secret,
      params: { id: webhook.id },
    });
    expect(v1.body).toMatchObject({
      status: "active",
      format: "activecampaign",
      events: ["contact.created", "contact.updated", "contact.subscribed"],
      sources: ["public", "admin", "api", "system"],
    });
    const row = await database.db
      .selectFrom("hooks")
      .select(["api_key_id", "verified_at"])
      .where("id", "=", webhook.id)
      .executeTakeFirstOrThrow();
    expect(row.api_key_id).toBe(keyA.id);
    expect(row.verified_at).toBeInstanceOf(Date);

    const fetched = await ac(webhookById.GET, {
      path: `/api/3/webhooks/${webhook.id}`,
      params: { id: webhook.id },
    });
    expect(fetched.status).toBe(200);
    expect(fetched.body).toEqual({ webhook });
  });

  it("refuses bad input with AC's 422 {errors: [{title, detail, code, source}]} and stores nothing", async () => {
    const before = await counts();
    const missing = await createWebhook({ url: `${receiver.url}/x` });
    expect(missing.status).toBe(422);
    expect(missing.body.errors).toEqual([
      {
        title: "The webhook name was not provided.",
        detail: "",
        code: "field_missing",
        source: { pointer: "/data/attributes/name" },
      },
      expect.objectContaining({ code: "field_missing", source: { pointer: "/data/attributes/events" } }),
      expect.objectContaining({ code: "field_missing", source: { pointer: "/data/attributes/sources" } }),
    ]);

    const unknownEvent = await createWebhook({ ...webhookBody("bad"), events: ["subscribe", "sent"] });
    expect(unknownEvent.status).toBe(422);
    expect(unknownEvent.body.errors).toEqual([
      expect.objectContaining({
        title: 'Unknown event "sent"; GET /api/3/webhook/events lists them.',
        code: "field_invalid",
        source: { pointer: "/data/attributes/events/1" },
      }),
    ]);
    const list = await createWebhook({ ...webhookBody("bad"), listid: 5 });
    expect(list.body.errors[0].source).toEqual({ pointer: "/data/attributes/listid" });
    const badSource = await createWebhook({ ...webhookBody("bad"), sources: ["robots"] });
    expect(badSource.body.errors[0].source).toEqual({ pointer: "/data/attributes/sources/0" });
    const badUrl = await createWebhook({ ...webhookBody("bad"), url: "ftp://example.com/x" });
    expect(badUrl.status).toBe(422);
    expect(badUrl.body.errors).toEqual([
      expect.objectContaining({ code: "field_invalid", source: { pointer: "/data/attributes/url" } }),
    ]);
    const unwrapped = await ac(webhooks.POST, {
      method: "POST",
      path: "/api/3/webhooks",
      body: webhookBody("x"),
    });
    expect(unwrapped.status).toBe(422);
    expect(unwrapped.body.errors[0].title).toBe('Send the webhook as {"webhook": {…}}.');
    const notJson = await ac(webhooks.POST, { method: "POST", path: "/api/3/webhooks", body: "{nope" });
    expect(notJson.status).toBe(400);
    expect(notJson.body).toEqual({ message: "The request body is not valid JSON." });
    const form = await ac(webhooks.POST, {
      method: "POST",
      path: "/api/3/webhooks",
      body: "webhook[name]=x",
      headers: { "content-type": "application/x-www-form-urlencoded" },
    });
    expect(form.status).toBe(415);
    expect(form.body.message).toMatch(/JSON/);
    expect(await counts()).toEqual(before);
    expect(receiver.requests).toHaveLength(0);
  });

  it("keeps the target guard: a private target is 422 on url, and nothing is stored", async () => {
    const restore = overrideConfig({ HOOKLINE_ALLOWED_TARGETS: "" });
    try {
      const before = await counts();
      const refused = await createWebhook(webhookBody("guarded"));
      expect(refused.status).toBe(422);
      expect(refused.body.errors).toEqual([
        expect.objectContaining({ code: "field_invalid", source: { pointer: "/data/attributes/url" } }),
      ]);
      expect(refused.body.errors[0].title).toMatch(/not allowed|loopback|private/i);
      expect(await counts()).toEqual(before);
    } finally {
      restore();
    }
  });

  it("lists the key's own hooks with filters and offset paging; meta.total is a string", async () => {
    const names = ["list-a", "list-b", "list-c"];
    const ids: string[] = [];
    for (const name of names) ids.push((await createWebhook(webhookBody(name))).body.webhook.id);
    await createWebhook(webhookBody("list-other"), keyB.secret);

    const all = await ac(webhooks.GET, { path: "/api/3/webhooks?limit=100" });
    expect(all.status).toBe(200);
    expect(typeof all.body.meta.total).toBe("string");
    const mine = all.body.webhooks.map((webhook: { id: string }) => webhook.id);
    expect(mine).toEqual(expect.arrayContaining(ids));
    expect(all.body.webhooks.some((webhook: { name: string }) => webhook.name === "list-other")).toBe(false);
    expect(Number(all.body.meta.total)).toBe(mine.length);

    const byName = await ac(webhooks.GET, { path: "/api/3/webhooks?filters%5Bname%5D=list-b" });
    expect(byName.body).toEqual({
      webhooks: [expect.objectContaining({ id: ids[1] })],
      meta: { total: "1" },
    });
    const url = encodeURIComponent(`${receiver.url}/list-c`);
    const byUrl = await ac(webhooks.GET, { path: `/api/3/webhooks?filters[url]=${url}` });
    expect(byUrl.body.webhooks.map((webhook: { id: string }) => webhook.id)).toEqual([ids[2]]);
    const otherList = await ac(webhooks.GET, { path: "/api/3/webhooks?filters[listid]=3" });
    expect(otherList.body).toEqual({ webhooks: [], meta: { total: "0" } });

    // Oldest first: page two starts where page one ended.
    const first = await ac(webhooks.GET, { path: "/api/3/webhooks?limit=1&offset=0" });
    const second = await ac(webhooks.GET, { path: "/api/3/webhooks?limit=1&offset=1" });
    expect(first.body.webhooks[0].id < second.body.webhooks[0].id).toBe(true);
    expect(first.body.meta.total).toBe(all.body.meta.total);
  });

  it("updates with PUT (any field; a new url gets no handshake) and deletes with 200 {}", async () => {
    const { id } = (await createWebhook(webhookBody("put"))).body.webhook;
    const put = await ac(webhookById.PUT, {
      method: "PUT",
      path: `/api/3/webhooks/${id}`,
      params: { id },
      body: { webhook: { name: "renamed", events: ["contact_tag_added"], url: `${receiver.url}/moved` } },
    });
    expect(put.status).toBe(200);
    expect(put.body.webhook).toMatchObject({
      id,
      name: "renamed",
      url: `${receiver.url}/moved`,
      events: ["contact_tag_added"],
      sources: ["public", "admin", "api", "system"],
    });
    expect(receiver.requests).toHaveLength(0);

    const bad = await ac(webhookById.PUT, {
      method: "PUT",
      path: `/api/3/webhooks/${id}`,
      params: { id },
      body: { webhook: { events: [] } },
    });
    expect(bad.status).toBe(422);
    expect(bad.body.errors[0]).toMatchObject({ title: "Choose at least one event." });

    const deleted = await ac(webhookById.DELETE, {
      method: "DELETE",
      path: `/api/3/webhooks/${id}`,
      params: { id },
    });
    expect(deleted.status).toBe(200);
    expect(deleted.body).toEqual({});
    const gone = await ac(webhookById.GET, { path: `/api/3/webhooks/${id}`, params: { id } });
    expect(gone.status).toBe(404);
    expect(gone.body).toEqual({ message: `No Result found for Webhook with id ${id}` });
  });

  it("another key's hook is not found, and stays as it was", async () => {
    const { id } = (await createWebhook(webhookBody("private"))).body.webhook;
    for (const call of [
      ac(webhookById.GET, { path: `/api/3/webhooks/${id}`, params: { id }, token: keyB.secret }),
      ac(webhookById.PUT, {
        method: "PUT",
        path: `/api/3/webhooks/${id}`,
        params: { id },
        body: { webhook: { name: "taken" } },
        token: keyB.secret,
      }),
      ac(webhookById.DELETE, {
        method: "DELETE",
        path: `/api/3/webhooks/${id}`,
        params: { id },
        token: keyB.secret,
      }),
    ]) {
      const answer = await call;
      expect(answer.status).toBe(404);
      expect(answer.body.message).toBe(`No Result found for Webhook with id ${id}`);
    }
    const still = await ac(webhookById.GET, { path: `/api/3/webhooks/${id}`, params: { id } });
    expect(still.body.webhook.name).toBe("private");
  });
});

describe("contacts", () => {
  function createContact(contact: unknown) {
    return ac(contacts.POST, { method: "POST", path: "/api/3/contacts", body: { contact } });
  }

  it("creates with AC's body and answers AC's shape; the event's source is api", async () => {
    const created = await createContact({
      email: "Ada@Example.com",
      firstName: "Ada",
      lastName: "Lovelace",
      phone: "+44 20 7946 0000",
      fieldValues: [{ field: "plan", value: "pro" }],
    });
    expect(created.status).toBe(201);
    expect(created.body.contact).toMatchObject({
      email: "ada@example.com",
      firstName: "Ada",
      lastName: "Lovelace",
      phone: "+44 20 7946 0000",
      id: expect.stringMatching(/^ctc_/),
      cdate: expect.stringMatching(/\+00:00$/),
    });
    expect(created.body.fieldValues).toEqual([
      expect.objectContaining({ contact: created.body.contact.id, field: "plan", value: "pro" }),
    ]);
    const event = await database.db
      .selectFrom("events")
      .select(["type", "source", "actor"])
      .where("contact_id", "=", created.body.contact.id)
      .executeTakeFirstOrThrow();
    expect(event).toEqual({ type: "contact.created", source: "api", actor: "n8n" });
  });

  it("answers AC's 422s: duplicate, invalid and missing email; nothing changes", async () => {
    await createContact({ email: "dup@example.com" });
    const before = await counts();
    const duplicate = await createContact({ email: "DUP@example.com" });
    expect(duplicate.status).toBe(422);
    expect(duplicate.body.errors).toEqual([
      expect.objectContaining({ code: "duplicate", source: { pointer: "/data/attributes/email" } }),
    ]);
    const invalid = await createContact({ email: "not-an-email" });
    expect(invalid.body.errors).toEqual([
      expect.objectContaining({ code: "email_invalid", source: { pointer: "/data/attributes/email" } }),
    ]);
    const missing = await createContact({ firstName: "Nobody" });
    expect(missing.body.errors).toEqual([
      {
        title: "The contact email was not provided.",
        detail: "",
        code: "field_missing",
        source: { pointer: "/data/attributes/email" },
      },
    ]);
    const tooLong = await createContact({ email: "long@example.com", firstName: "x".repeat(300) });
    expect(tooLong.body.errors[0].source).toEqual({ pointer: "/data/attributes/firstName" });
    expect(await counts()).toEqual(before);
  });

  it("lists with email and search filters and limit/offset; meta.total is a string", async () => {
    for (const name of ["Grace", "Greta", "Gus"])
      await createContact({ email: `${name.toLowerCase()}@g.example` });
    const byEmail = await ac(contacts.GET, { path: "/api/3/contacts?email=GRETA@g.example" });
    expect(byEmail.body.meta).toEqual({ total: "1" });
    expect(byEmail.body.contacts[0].email).toBe("greta@g.example");
    const search = await ac(contacts.GET, { path: "/api/3/contacts?search=gr&limit=1" });
    expect(search.body.meta.total).toBe("2");
    expect(search.body.contacts).toHaveLength(1);
    const next = await ac(contacts.GET, { path: "/api/3/contacts?search=gr&limit=1&offset=1" });
    expect(next.body.contacts[0].id).not.toBe(search.body.contacts[0].id);
    expect(
      (await ac(contacts.GET, { path: "/api/3/contacts?search=gr&limit=1&offset=2" })).body.contacts,
    ).toEqual([]);
    expect((await ac(contacts.GET, { path: "/api/3/contacts?offset=-1" })).status).toBe(400);
  });

  it("reads, updates (fieldValues merged) and deletes one contact", async () => {
    const { id } = (
      await createContact({ email: "ruth@example.com", fieldValues: [{ field: "plan", value: "pro" }] })
    ).body.contact;
    const put = await ac(contactById.PUT, {
      method: "PUT",
      path: `/api/3/contacts/${id}`,
      params: { id },
      body: { contact: { lastName: "Bader", fieldValues: [{ field: "seats", value: 5 }] } },
    });
    expect(put.status).toBe(200);
    expect(put.body.contact.lastName).toBe("Bader");
    expect(
      put.body.fieldValues.map((value: { field: string; value: string }) => [value.field, value.value]),
    ).toEqual([
      ["plan", "pro"],
      ["seats", "5"],
    ]);

    const read = await ac(contactById.GET, { path: `/api/3/contacts/${id}`, params: { id } });
    expect(read.status).toBe(200);
    expect(read.body.contact.email).toBe("ruth@example.com");
    expect(read.body.contactTags).toEqual([]);

    const deleted = await ac(contactById.DELETE, {
      method: "DELETE",
      path: `/api/3/contacts/${id}`,
      params: { id },
    });
    expect(deleted.status).toBe(200);
    expect(deleted.body).toEqual({});
    const gone = await ac(contactById.GET, { path: `/api/3/contacts/${id}`, params: { id } });
    expect(gone.status).toBe(404);
    expect(gone.body).toEqual({ message: `No Result found for Subscriber with id ${id}` });
  });

  it("contact/sync creates (201), then updates the same email (200) with fields merged", async () => {
    const sync = (contact: unknown) =>
      ac(contactSync.POST, { method: "POST", path: "/api/3/contact/sync", body: { contact } });
    const first = await sync({
      email: "sync@example.com",
      firstName: "S",
      fieldValues: [{ field: "a", value: "1" }],
    });
    expect(first.status).toBe(201);
    const second = await sync({
      email: "Sync@example.com",
      lastName: "Ync",
      fieldValues: [{ field: "b", value: "2" }],
    });
    expect(second.status).toBe(200);
    expect(second.body.contact).toMatchObject({ id: first.body.contact.id, firstName: "S", lastName: "Ync" });
    expect(second.body.fieldValues.map((value: { field: string }) => value.field)).toEqual(["a", "b"]);
    const missing = await sync({ firstName: "x" });
    expect(missing.status).toBe(422);
  });
});

describe("contactTags: (contact, tag) associations", () => {
  it("tags and untags through ids of the form '<contact id>:<tag>', raising the tag events", async () => {
    const contact = (
      await ac(contacts.POST, {
        method: "POST",
        path: "/api/3/contacts",
        body: { contact: { email: "tag@example.com" } },
      })
    ).body.contact;
    const tag = "Registered: 2026";
    const added = await ac(contactTags.POST, {
      method: "POST",
      path: "/api/3/contactTags",
      body: { contactTag: { contact: contact.id, tag } },
    });
    expect(added.status).toBe(201);
    const id = `${contact.id}:${tag}`;
    expect(added.body.contactTag).toMatchObject({ contact: contact.id, tag, id });
    expect(added.body.contacts[0].id).toBe(contact.id);
    // Tagging again is the same association.
    const again = await ac(contactTags.POST, {
      method: "POST",
      path: "/api/3/contactTags",
      body: { contactTag: { contact: contact.id, tag } },
    });
    expect(again.body.contactTag.id).toBe(id);
    const read = await ac(contactById.GET, {
      path: `/api/3/contacts/${contact.id}`,
      params: { id: contact.id },
    });
    expect(read.body.contactTags).toEqual([expect.objectContaining({ id, tag })]);

    const removed = await ac(contactTagById.DELETE, {
      method: "DELETE",
      path: `/api/3/contactTags/${encodeURIComponent(id)}`,
      params: { id },
    });
    expect(removed.status).toBe(200);
    expect(removed.body).toEqual({});
    const twice = await ac(contactTagById.DELETE, {
      method: "DELETE",
      path: "/api/3/contactTags/x",
      params: { id },
    });
    expect(twice.status).toBe(404);
    expect(twice.body).toEqual({ message: `No Result found for ContactTag with id ${id}` });
    const types = await database.db
      .selectFrom("events")
      .select("type")
      .where("contact_id", "=", contact.id)
      .orderBy("id")
      .execute();
    expect(types.map((row) => row.type)).toEqual([
      "contact.created",
      "contact.tag_added",
      "contact.tag_removed",
    ]);
  });

  it("refuses an unknown contact (422 related_missing), a bad tag, and ids that name nothing", async () => {
    const before = await counts();
    const unknown = await ac(contactTags.POST, {
      method: "POST",
      path: "/api/3/contactTags",
      body: { contactTag: { contact: "ctc_nope", tag: "vip" } },
    });
    expect(unknown.status).toBe(422);
    expect(unknown.body.errors).toEqual([
      expect.objectContaining({ code: "related_missing", source: { pointer: "/data/attributes/contact" } }),
    ]);
    const badTag = await ac(contactTags.POST, {
      method: "POST",
      path: "/api/3/contactTags",
      body: { contactTag: { contact: "ctc_nope", tag: "a,b" } },
    });
    expect(badTag.body.errors[0].source).toEqual({ pointer: "/data/attributes/tag" });
    for (const id of ["nothing", ":vip", "ctc_nope:vip", "ctc_x:a/b"]) {
      const answer = await ac(contactTagById.DELETE, {
        method: "DELETE",
        path: "/api/3/contactTags/x",
        params: { id },
      });
      expect(answer.status).toBe(404);
    }
    expect(await counts()).toEqual(before);
  });
});

describe("fields", () => {
  it("lists the custom field names in use, their id being their name", async () => {
    const answer = await ac(fields.GET, { path: "/api/3/fields?limit=100" });
    expect(answer.status).toBe(200);
    const ids = answer.body.fields.map((field: { id: string }) => field.id);
    expect(ids).toEqual(expect.arrayContaining(["a", "b", "plan"]));
    expect(answer.body.fields.find((field: { id: string }) => field.id === "plan")).toMatchObject({
      title: "plan",
      perstag: "PLAN",
    });
    expect(answer.body.meta.total).toBe(String(ids.length));
  });
});
