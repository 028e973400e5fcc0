// The /api/v1/contacts contract, end to end through the real route handlers and database.
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as contactById from "@/app/api/v1/contacts/[id]/route";
import * as contactTag from "@/app/api/v1/contacts/[id]/tags/[tag]/route";
import * as contactTags from "@/app/api/v1/contacts/[id]/tags/route";
import * as contacts from "@/app/api/v1/contacts/route";
import * as events from "@/app/api/v1/events/route";
import { createApiKey, revokeApiKey } from "@/server/auth/api-key.service";
import { useDatabase } from "@/server/database";
import { callRoute } from "@/server/testing/rest-client";
import { createTestDatabase, type TestDatabase } from "@/server/testing/test-database";
import { MAX_BODY_BYTES } from "./handler";

let database: TestDatabase;
let apiKey: string;

beforeAll(async () => {
  database = await createTestDatabase();
  useDatabase(database);
  apiKey = (await createApiKey(database.db, { name: "Zapier", createdBy: null })).secret;
});
afterAll(async () => {
  await database.close();
});

async function counts() {
  const row = await database.db
    .selectNoFrom([
      sql<number>`(select count(*)::int from contacts)`.as("contacts"),
      sql<number>`(select count(*)::int from events)`.as("events"),
    ])
    .executeTakeFirstOrThrow();
  return row;
}

function create(body: unknown, headers?: Record<string, string>) {
  return callRoute(contacts.POST, {
    method: "POST",
    path: "/api/v1/contacts",
    apiKey,
    body,
    ...(headers ? { headers } : {}),
  });
}

describe("POST /api/v1/contacts", () => {
  it("creates a contact (201) and records contact.created with source api and the key's name", async () => {
    const response = await create({
      email: "Ada@Example.com",
      first_name: "Ada",
      tags: ["vip"],
      fields: { plan: "pro" },
    });
    expect(response.status).toBe(201);
    expect(response.headers.get("content-type")).toBe("application/json; charset=utf-8");
    expect(response.body).toMatchObject({
      email: "ada@example.com",
      first_name: "Ada",
      last_name: null,
      status: "subscribed",
      tags: ["vip"],
      fields: { plan: "pro" },
    });
    expect(response.body.id).toMatch(/^ctc_/);
    expect(response.body.created_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    const event = await database.db
      .selectFrom("events")
      .select(["type", "source", "actor"])
      .where("contact_id", "=", response.body.id)
      .executeTakeFirstOrThrow();
    expect(event).toEqual({ type: "contact.created", source: "api", actor: "Zapier" });
  });

  it("accepts the ActiveCampaign-style Api-Token header", async () => {
    const response = await callRoute(contacts.POST, {
      method: "POST",
      path: "/api/v1/contacts",
      headers: { "api-token": apiKey },
      body: { email: "token-header@example.com" },
    });
    expect(response.status).toBe(201);
  });

  const errorCases: Array<
    [string, () => Promise<{ status: number; body: { error: { code: string } } }>, number, string]
  > = [
    [
      "no key",
      () =>
        callRoute(contacts.POST, {
          method: "POST",
          path: "/api/v1/contacts",
          body: { email: "x@example.com" },
        }),
      401,
      "unauthorized",
    ],
    [
      "a bad key",
      () =>
        callRoute(contacts.POST, {
          method: "POST",
          path: "/api/v1/contacts",
          apiKey: "hk_notarealkeyatall0000000000000000000",
          body: { email: "x@example.com" },
        }),
      401,
      "unauthorized",
    ],
    ["bad JSON", () => create('{"email": "x@example.com",'), 400, "bad_request"],
    ["a JSON array", () => create("[]"), 400, "bad_request"],
    ["an empty body", () => create(""), 400, "bad_request"],
    ["wrong types", () => create({ email: 42, tags: "vip" }), 400, "validation_failed"],
    ["an invalid email", () => create({ email: "not-an-email" }), 400, "validation_failed"],
    ["an unknown status", () => create({ email: "x@example.com", status: "gone" }), 400, "validation_failed"],
    ["a duplicate email", () => create({ email: "ADA@example.com" }), 409, "conflict"],
    [
      "an oversized body",
      () => create({ email: "x@example.com", padding: "x".repeat(MAX_BODY_BYTES) }),
      413,
      "payload_too_large",
    ],
    [
      "a form body",
      () => create("email=x%40example.com", { "content-type": "application/x-www-form-urlencoded" }),
      415,
      "unsupported_media_type",
    ],
    ["no content type", () => create("{}", { "content-type": "" }), 415, "unsupported_media_type"],
    [
      "a NUL character (PostgreSQL can't store it)",
      () => create({ email: "nul@example.com", first_name: "A\u0000da" }),
      400,
      "validation_failed",
    ],
  ];
  for (const [name, send, status, code] of errorCases) {
    it(`answers ${status} ${code} for ${name} and changes nothing`, async () => {
      const before = await counts();
      const response = await send();
      expect(response.status).toBe(status);
      expect(response.body.error.code).toBe(code);
      expect(typeof (response.body.error as { message?: unknown }).message).toBe("string");
      expect(await counts()).toEqual(before);
    });
  }

  it("details each invalid field", async () => {
    const response = await create({ email: "nope", tags: [""], first_name: 7 });
    const paths = new Set<string>(response.body.error.details.map((detail: { path: string }) => detail.path));
    expect([...paths].sort()).toEqual(["email", "first_name", "tags.0"]);
  });

  it("ignores unknown fields", async () => {
    const response = await create({ email: "unknown-fields@example.com", favourite_colour: "teal" });
    expect(response.status).toBe(201);
    expect(response.body).not.toHaveProperty("favourite_colour");
  });
});

describe("one contact", () => {
  it("gets, patches, tags, untags and deletes, each with its event", async () => {
    const { body: created } = await create({ email: "lifecycle@example.com" });
    const params = { id: created.id };
    const path = `/api/v1/contacts/${created.id}`;

    const got = await callRoute(contactById.GET, { path, apiKey, params });
    expect(got.status).toBe(200);
    expect(got.body).toEqual(created);

    const patched = await callRoute(contactById.PATCH, {
      method: "PATCH",
      path,
      apiKey,
      params,
      body: { last_name: "Lovelace", status: "unsubscribed" },
    });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ last_name: "Lovelace", status: "unsubscribed" });

    const tagged = await callRoute(contactTags.POST, {
      method: "POST",
      path: `${path}/tags`,
      apiKey,
      params,
      body: { tag: "vip" },
    });
    expect(tagged.status).toBe(200);
    expect(tagged.body.tags).toEqual(["vip"]);

    const untagged = await callRoute(contactTag.DELETE, {
      method: "DELETE",
      path: `${path}/tags/vip`,
      apiKey,
      params: { ...params, tag: "vip" },
    });
    expect(untagged.status).toBe(200);
    expect(untagged.body.tags).toEqual([]);

    const deleted = await callRoute(contactById.DELETE, { method: "DELETE", path, apiKey, params });
    expect(deleted.status).toBe(204);
    expect(deleted.body).toBeUndefined();
    const gone = await callRoute(contactById.GET, { path, apiKey, params });
    expect(gone.status).toBe(404);
    expect(gone.body.error.code).toBe("not_found");

    const types = await database.db
      .selectFrom("events")
      .select("type")
      .where("contact_id", "=", created.id)
      .orderBy("id")
      .execute();
    expect(types.map((row) => row.type)).toEqual([
      "contact.created",
      "contact.updated",
      "contact.unsubscribed",
      "contact.tag_added",
      "contact.tag_removed",
      "contact.deleted",
    ]);
  });

  it.each(["ctc_doesnotexist", "ctc_\u0000", "x".repeat(500)])(
    "answers 404 for the unknown id %#, on every route, and changes nothing",
    async (id) => {
      const params = { id };
      const path = "/api/v1/contacts/ctc_doesnotexist";
      const before = await counts();
      for (const response of [
        await callRoute(contactById.GET, { path, apiKey, params }),
        await callRoute(contactById.PATCH, {
          method: "PATCH",
          path,
          apiKey,
          params,
          body: { first_name: "X" },
        }),
        await callRoute(contactById.DELETE, { method: "DELETE", path, apiKey, params }),
        await callRoute(contactTags.POST, { method: "POST", path, apiKey, params, body: { tag: "x" } }),
        await callRoute(contactTag.DELETE, {
          method: "DELETE",
          path,
          apiKey,
          params: { ...params, tag: "x" },
        }),
      ]) {
        expect(response.status).toBe(404);
        expect(response.body.error.code).toBe("not_found");
      }
      expect(await counts()).toEqual(before);
    },
  );

  it("refuses a PATCH to another contact's email with 409", async () => {
    const { body: first } = await create({ email: "first@example.com" });
    await create({ email: "second@example.com" });
    const response = await callRoute(contactById.PATCH, {
      method: "PATCH",
      path: `/api/v1/contacts/${first.id}`,
      apiKey,
      params: { id: first.id },
      body: { email: "SECOND@example.com" },
    });
    expect(response.status).toBe(409);
    expect(response.body.error).toMatchObject({ code: "conflict", details: [{ path: "email" }] });
  });
});

describe("GET /api/v1/contacts", () => {
  it("pages newest first with a keyset cursor and validates its query", async () => {
    for (const name of ["page-a", "page-b", "page-c"]) await create({ email: `${name}@example.com` });
    const first = await callRoute(contacts.GET, { path: "/api/v1/contacts?q=page-&limit=2", apiKey });
    expect(first.status).toBe(200);
    expect(first.body.data.map((c: { email: string }) => c.email)).toEqual([
      "page-c@example.com",
      "page-b@example.com",
    ]);
    const second = await callRoute(contacts.GET, {
      path: `/api/v1/contacts?q=page-&limit=2&cursor=${first.body.next_cursor}`,
      apiKey,
    });
    expect(second.body).toEqual({
      data: [expect.objectContaining({ email: "page-a@example.com" })],
      next_cursor: null,
    });

    expect((await callRoute(contacts.GET, { path: "/api/v1/contacts?limit=0", apiKey })).status).toBe(400);
    expect((await callRoute(contacts.GET, { path: "/api/v1/contacts?limit=101", apiKey })).status).toBe(400);
    expect((await callRoute(contacts.GET, { path: "/api/v1/contacts?status=nope", apiKey })).status).toBe(
      400,
    );
    const badCursor = await callRoute(contacts.GET, { path: "/api/v1/contacts?cursor=%%%", apiKey });
    expect(badCursor.status).toBe(400);
  });
});

describe("GET /api/v1/contacts?q=", () => {
  it("finds any part of an email, a name, a company or a domain, as well as a prefix", async () => {
    await create({ email: "grace.hopper@navy.example", first_name: "Grace", last_name: "Hopper" });
    await create({ email: "ada@analytical.example", first_name: "Ada", last_name: "Lovelace" });
    await create({
      email: "lin@initech.example",
      first_name: "Lin",
      fields: { company: "Initech Holdings" },
    });
    const emails = async (q: string) =>
      (
        await callRoute(contacts.GET, {
          path: `/api/v1/contacts?q=${encodeURIComponent(q)}&limit=100`,
          apiKey,
        })
      ).body.data
        .map((c: { email: string }) => c.email)
        .sort();

    expect(await emails("hopper")).toEqual(["grace.hopper@navy.example"]); // inside the email and a name
    expect(await emails("navy.example")).toEqual(["grace.hopper@navy.example"]); // the domain
    expect(await emails("LOVEL")).toEqual(["ada@analytical.example"]); // inside a name, any case
    expect(await emails("ada lovelace")).toEqual(["ada@analytical.example"]); // the full name
    expect(await emails("holdings")).toEqual(["lin@initech.example"]); // the company
    expect(await emails("gr")).toEqual(["grace.hopper@navy.example"]); // short: still a prefix
    expect(await emails("100%_")).toEqual([]); // LIKE's own characters are plain text
  });
});

describe("GET /api/v1/events", () => {
  it("returns the catalogue", async () => {
    const response = await callRoute(events.GET, { path: "/api/v1/events", apiKey });
    expect(response.status).toBe(200);
    expect(response.body.data.map((e: { type: string }) => e.type)).toContain("contact.unsubscribed");
    expect(response.body.data.every((e: { description: string }) => e.description.length > 0)).toBe(true);
  });
});

describe("revoked keys", () => {
  it("answer 401 from then on", async () => {
    const { apiKey: record, secret } = await createApiKey(database.db, {
      name: "Short-lived",
      createdBy: null,
    });
    expect((await callRoute(events.GET, { path: "/api/v1/events", apiKey: secret })).status).toBe(200);
    await revokeApiKey(database.db, { id: record.id });
    const response = await callRoute(events.GET, { path: "/api/v1/events", apiKey: secret });
    expect(response.status).toBe(401);
    expect(response.body.error.code).toBe("unauthorized");
  });
});
