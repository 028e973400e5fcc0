// API keys with scopes and an expiry, as the admin UI creates and changes them, and as the REST
// routes then treat them: a real database and the real route handlers.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as acContactsRoute from "@/app/api/3/contacts/route";
import * as contactsRoute from "@/app/api/v1/contacts/route";
import { createApiKey } from "@/server/auth/api-key.service";
import { useDatabase } from "@/server/database";
import { createAdminCaller } from "@/server/testing/admin-caller";
import { callRoute } from "@/server/testing/rest-client";
import { createTestDatabase, type TestDatabase } from "@/server/testing/test-database";
import type { createCaller } from "../root";

let database: TestDatabase;
let admin: ReturnType<typeof createCaller>;

beforeAll(async () => {
  database = await createTestDatabase();
  useDatabase(database);
  admin = (await createAdminCaller(database.db, "keys@example.com")).caller;
});
afterAll(async () => {
  await database.close();
});

async function keyCount(): Promise<number> {
  return (await database.db.selectFrom("api_keys").select("id").execute()).length;
}
async function contactCount(): Promise<number> {
  return (await database.db.selectFrom("contacts").select("id").execute()).length;
}
function listContacts(secret: string) {
  return callRoute(contactsRoute.GET, { path: "/api/v1/contacts", apiKey: secret });
}
function postContact(secret: string, email: string) {
  return callRoute(contactsRoute.POST, {
    method: "POST",
    path: "/api/v1/contacts",
    apiKey: secret,
    body: { email },
  });
}

describe("apiKey.create", () => {
  it("without a choice, a key has full access and never expires", async () => {
    const { apiKey } = await admin.apiKey.create({ name: "Everything" });
    expect(apiKey.scopes).toBeNull();
    expect(apiKey.expires_at).toBeNull();
  });

  it("stores the chosen scopes once each, in the catalogue's order, and the expiry", async () => {
    const expiresAt = new Date(Date.now() + 30 * 86_400_000).toISOString();
    const { apiKey, secret } = await admin.apiKey.create({
      name: "Reader",
      scopes: ["deliveries:read", "contacts:read", "contacts:read"],
      expires_at: expiresAt,
    });
    expect(apiKey.scopes).toEqual(["contacts:read", "deliveries:read"]);
    expect(apiKey.expires_at).toBe(expiresAt);
    const listed = (await admin.apiKey.list()).find((key) => key.id === apiKey.id);
    expect(listed).toMatchObject({ scopes: ["contacts:read", "deliveries:read"], expires_at: expiresAt });
    expect((await listContacts(secret)).status).toBe(200);
    const refused = await postContact(secret, "refused@example.com");
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe("forbidden");
  });

  it.each([
    ["no scope at all", { scopes: [] }, /at least one scope/],
    ["an unknown scope", { scopes: ["admin"] }, /A scope is one of/],
    ["an expiry in the past", { expires_at: new Date(Date.now() - 1000).toISOString() }, /in the future/],
    ["an expiry that is no time", { expires_at: "next tuesday" }, /valid expiry date/],
  ])("refuses %s with a clear message and creates nothing", async (_case, input, message) => {
    const before = await keyCount();
    await expect(admin.apiKey.create({ name: "Bad", ...(input as object) })).rejects.toThrow(message);
    expect(await keyCount()).toBe(before);
  });
});

describe("apiKey.changeScopes", () => {
  it("narrows a key from its next request on, and widens it back to full access", async () => {
    const { apiKey, secret } = await admin.apiKey.create({ name: "Changing" });
    expect((await postContact(secret, "before-narrowing@example.com")).status).toBe(201);

    const narrowed = await admin.apiKey.changeScopes({ id: apiKey.id, scopes: ["contacts:read"] });
    expect(narrowed.scopes).toEqual(["contacts:read"]);
    const count = await contactCount();
    expect((await postContact(secret, "after-narrowing@example.com")).status).toBe(403);
    expect(await contactCount()).toBe(count);
    expect((await listContacts(secret)).status).toBe(200);

    const widened = await admin.apiKey.changeScopes({ id: apiKey.id, scopes: null });
    expect(widened.scopes).toBeNull();
    expect((await postContact(secret, "after-widening@example.com")).status).toBe(201);
  });

  it("refuses a revoked key and an empty list", async () => {
    const { apiKey } = await admin.apiKey.create({ name: "Gone" });
    await expect(admin.apiKey.changeScopes({ id: apiKey.id, scopes: [] })).rejects.toThrow(
      /at least one scope/,
    );
    await admin.apiKey.revoke({ id: apiKey.id });
    await expect(admin.apiKey.changeScopes({ id: apiKey.id, scopes: ["hooks"] })).rejects.toThrow(
      /No active API key/,
    );
  });
});

describe("expiry", () => {
  async function expire(id: string) {
    await database.db
      .updateTable("api_keys")
      .set({ expires_at: new Date(Date.now() - 1000) })
      .where("id", "=", id)
      .execute();
  }

  it("an expired key is refused like a revoked one (401) and changes nothing; until then it works", async () => {
    const { apiKey, secret } = await createApiKey(database.db, {
      name: "Short-lived",
      createdBy: null,
      expiresAt: new Date(Date.now() + 60_000),
    });
    expect((await postContact(secret, "in-time@example.com")).status).toBe(201);

    await expire(apiKey.id);
    const count = await contactCount();
    const refused = await postContact(secret, "too-late@example.com");
    expect(refused.status).toBe(401);
    expect(refused.body.error.code).toBe("unauthorized");
    expect(refused.body.error.message).toMatch(/expired/);
    expect(await contactCount()).toBe(count);
  });

  it("/api/3 answers an expired key as ActiveCampaign answers a bad one: 403 {message}", async () => {
    const { apiKey, secret } = await createApiKey(database.db, { name: "AC, expiring", createdBy: null });
    await expire(apiKey.id);
    const response = await callRoute(acContactsRoute.GET, {
      path: "/api/3/contacts",
      headers: { "api-token": secret },
    });
    expect(response.status).toBe(403);
    expect(response.body).toEqual({ message: expect.stringMatching(/expired/) });
  });
});

describe("last used", () => {
  async function lastUsed(id: string): Promise<Date | null> {
    const row = await database.db
      .selectFrom("api_keys")
      .select("last_used_at")
      .where("id", "=", id)
      .executeTakeFirstOrThrow();
    return row.last_used_at;
  }

  it("is written on first use, then at most once a minute", async () => {
    const { apiKey, secret } = await createApiKey(database.db, { name: "Busy", createdBy: null });
    expect(await lastUsed(apiKey.id)).toBeNull();
    await listContacts(secret);
    const first = await lastUsed(apiKey.id);
    expect(first).toBeInstanceOf(Date);

    await listContacts(secret);
    await listContacts(secret);
    expect(await lastUsed(apiKey.id)).toEqual(first);

    const twoMinutesAgo = new Date(Date.now() - 120_000);
    await database.db
      .updateTable("api_keys")
      .set({ last_used_at: twoMinutesAgo })
      .where("id", "=", apiKey.id)
      .execute();
    await listContacts(secret);
    expect((await lastUsed(apiKey.id))?.getTime()).toBeGreaterThan(twoMinutesAgo.getTime() + 60_000);
  });

  it("is shown by apiKey.list", async () => {
    const { apiKey, secret } = await admin.apiKey.create({ name: "Seen", scopes: ["contacts:read"] });
    await listContacts(secret);
    const listed = (await admin.apiKey.list()).find((key) => key.id === apiKey.id);
    expect(listed?.last_used_at).not.toBeNull();
  });
});
