// The self-service portal, end to end over real parts: links made by POST /api/v1/portal-sessions
// and by the admin UI's procedures, the portal's own tRPC endpoint called over HTTP with the
// link's token, a real database and a real receiver for the handshake. What must never work:
// another key's hooks (by id: 404, as a missing one), admin procedures with a portal token (401),
// the portal without a token (401), and a tampered, expired or revoked link.
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import * as portalSessionsRoute from "@/app/api/v1/portal-sessions/route";
import { createApiKey, revokeApiKey } from "@/server/auth/api-key.service";
import { createSession, pruneAuthRecords } from "@/server/auth/session.service";
import { sessionCookieName } from "@/server/auth/session-cookie";
import { overrideConfig } from "@/server/config/config";
import { useDatabase } from "@/server/database";
import { insertHook, type Receiver, startReceiver } from "@/server/delivery/delivery.test-support";
import { createAdminCaller } from "@/server/testing/admin-caller";
import { portalCall } from "@/server/testing/portal-client";
import { callRoute } from "@/server/testing/rest-client";
import { createTestDatabase, type TestDatabase } from "@/server/testing/test-database";
import { resolvePortalSession } from "./portal-session.service";

let database: TestDatabase;
let receiver: Receiver;
let admin: Awaited<ReturnType<typeof createAdminCaller>>;
let keyA: { id: string; secret: string };
let keyB: { id: string; secret: string };
let hookOfB: string;

const restoreConfig = overrideConfig({
  HOOKLINE_ALLOWED_TARGETS: "127.0.0.0/8",
  HOOKLINE_INTENT_TIMEOUT_MS: "2000",
  HOOKLINE_PUBLIC_URL: "",
});

beforeAll(async () => {
  database = await createTestDatabase();
  useDatabase(database);
  // Echoes the handshake's X-Hook-Secret, so a hook made through the portal is active at once.
  receiver = await startReceiver((request, res) => {
    const secret = request.headers["x-hook-secret"];
    res.writeHead(200, secret ? { "x-hook-secret": secret } : {}).end("ok");
  });
  admin = await createAdminCaller(database.db, "portal-admin@example.com");
  const a = await createApiKey(database.db, { name: "Zapier", createdBy: null });
  const b = await createApiKey(database.db, { name: "Other integrator", createdBy: null });
  keyA = { id: a.apiKey.id, secret: a.secret };
  keyB = { id: b.apiKey.id, secret: b.secret };
  hookOfB = (await insertHook(database.db, { target: `${receiver.url}/b`, apiKeyId: keyB.id })).id;
});
afterAll(async () => {
  await receiver.close();
  await database.close();
  restoreConfig();
});
afterEach(() => {
  vi.useRealTimers();
});

async function sessionCount(): Promise<number> {
  return (await database.db.selectFrom("portal_sessions").select("id").execute()).length;
}

async function newLink(apiKey = keyA.secret, body: unknown = {}) {
  return callRoute(portalSessionsRoute.POST, {
    method: "POST",
    path: "/api/v1/portal-sessions",
    apiKey,
    body,
  });
}

async function tokenFor(apiKey = keyA.secret): Promise<string> {
  const created = await newLink(apiKey);
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  return new URL(created.body.url).pathname.replace("/portal/", "");
}

describe("POST /api/v1/portal-sessions", () => {
  it("answers 201 with an absolute link on the request's origin, living an hour by default", async () => {
    const before = await sessionCount();
    const created = await newLink();
    expect(created.status).toBe(201);
    expect(Object.keys(created.body).sort()).toEqual(["expires_at", "url"]);
    expect(created.body.url).toMatch(
      /^http:\/\/hookline\.test\/portal\/pts_[0-9A-Za-z]+\.[0-9a-z]+\.[\w-]+$/,
    );
    const lifetime = Date.parse(created.body.expires_at) - Date.now();
    expect(lifetime).toBeGreaterThan(3590_000);
    expect(lifetime).toBeLessThanOrEqual(3600_000);
    expect(await sessionCount()).toBe(before + 1);
    const audit = await database.db
      .selectFrom("audit_log")
      .select(["kind", "actor_type", "actor_id"])
      .where("kind", "=", "api_key.portal_link_created")
      .execute();
    expect(audit.at(-1)).toEqual({
      kind: "api_key.portal_link_created",
      actor_type: "api_key",
      actor_id: keyA.id,
    });
  });

  it("takes no body at all, but refuses one that is not JSON (415)", async () => {
    const bare = await callRoute(portalSessionsRoute.POST, {
      method: "POST",
      path: "/api/v1/portal-sessions",
      apiKey: keyA.secret,
    });
    expect(bare.status).toBe(201);
    const before = await sessionCount();
    const text = await callRoute(portalSessionsRoute.POST, {
      method: "POST",
      path: "/api/v1/portal-sessions",
      apiKey: keyA.secret,
      headers: { "content-type": "text/plain" },
      body: "expires_in=60",
    });
    expect(text.status).toBe(415);
    expect(await sessionCount()).toBe(before);
  });

  it("uses HOOKLINE_PUBLIC_URL when it is set, and takes expires_in up to 24 hours", async () => {
    const restore = overrideConfig({ HOOKLINE_PUBLIC_URL: "https://hooks.example.com" });
    try {
      const created = await newLink(keyA.secret, { expires_in: 86_400 });
      expect(created.status).toBe(201);
      expect(created.body.url.startsWith("https://hooks.example.com/portal/pts_")).toBe(true);
      expect(Date.parse(created.body.expires_at) - Date.now()).toBeGreaterThan(86_390_000);
    } finally {
      restore();
    }
  });

  it("refuses a bad body with 400 and a field error, and stores nothing", async () => {
    const before = await sessionCount();
    for (const body of [
      { expires_in: 86_401 },
      { expires_in: 0 },
      { expires_in: 1.5 },
      { expires_in: "3600" },
      { expires_in: 3600, api_key_id: keyB.id },
    ]) {
      const refused = await newLink(keyA.secret, body);
      expect(refused.status, JSON.stringify(body)).toBe(400);
      expect(refused.body.error.code).toBe("validation_failed");
      expect(refused.body.error.details.length).toBeGreaterThan(0);
    }
    expect((await newLink(keyA.secret, "not json")).status).toBe(400);
    expect(await sessionCount()).toBe(before);
  });

  it("needs the hooks scope (403) and a valid key (401), and stores nothing", async () => {
    const reader = await createApiKey(database.db, {
      name: "Reader",
      createdBy: null,
      scopes: ["contacts:read"],
    });
    const before = await sessionCount();
    const refused = await newLink(reader.secret);
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe("forbidden");
    expect((await newLink("hk_not_a_key")).status).toBe(401);
    expect(await sessionCount()).toBe(before);
  });
});

describe("a portal session", () => {
  it("shows its key's hooks only, and acts on them through the real handshake", async () => {
    const token = await tokenFor();
    const session = await portalCall("session", undefined, { token });
    expect(session.data).toMatchObject({ api_key_name: "Zapier" });

    const created = await portalCall(
      "hooks.create",
      { target_url: `${receiver.url}/a`, events: ["contact.created"] },
      { token, mutation: true },
    );
    expect(created.status, JSON.stringify(created.error)).toBe(200);
    expect(created.data).toMatchObject({ status: "active", target_url: `${receiver.url}/a` });
    expect(created.data.secret).toMatch(/^whsec_/);
    const handshake = receiver.requests.find(
      (request) => request.headers["x-hook-secret"] === created.data.secret,
    );
    expect(handshake).toBeDefined();
    const row = await database.db
      .selectFrom("hooks")
      .select("api_key_id")
      .where("id", "=", created.data.id)
      .executeTakeFirstOrThrow();
    expect(row.api_key_id).toBe(keyA.id);

    const list = await portalCall("hooks.list", {}, { token });
    expect(list.data.data.map((hook: { id: string }) => hook.id)).toEqual([created.data.id]);

    const rotated = await portalCall(
      "hooks.rotateSecret",
      { id: created.data.id },
      { token, mutation: true },
    );
    expect(rotated.data.secret).toMatch(/^whsec_/);
    expect(rotated.data.secret).not.toBe(created.data.secret);

    const ping = await portalCall("deliveries.ping", { hookId: created.data.id }, { token, mutation: true });
    expect(ping.data.delivery_id).toMatch(/^msg_/);
    const deliveries = await portalCall("deliveries.list", { hookId: created.data.id }, { token });
    expect(deliveries.data.data.map((d: { id: string }) => d.id)).toContain(ping.data.delivery_id);

    const audit = await database.db
      .selectFrom("audit_log")
      .select(["actor_label", "actor_id"])
      .where("object_id", "=", created.data.id)
      .where("kind", "=", "hook.created")
      .executeTakeFirstOrThrow();
    expect(audit).toEqual({ actor_label: "Zapier (portal)", actor_id: keyA.id });
  });

  it("finds another key's hook nowhere: every procedure answers 404 as for a missing id, and changes nothing", async () => {
    const token = await tokenFor();
    const attempts: Array<[string, unknown, boolean]> = [
      ["hooks.get", { id: hookOfB }, false],
      ["hooks.update", { id: hookOfB, changes: { name: "Mine now" } }, true],
      ["hooks.disable", { id: hookOfB }, true],
      ["hooks.enable", { id: hookOfB }, true],
      ["hooks.delete", { id: hookOfB }, true],
      ["hooks.rotateSecret", { id: hookOfB }, true],
      ["hooks.activate", { id: hookOfB, secret: "whsec_guess" }, true],
      ["deliveries.list", { hookId: hookOfB }, false],
      ["deliveries.get", { hookId: hookOfB, deliveryId: "msg_x" }, false],
      ["deliveries.redeliver", { hookId: hookOfB, deliveryId: "msg_x" }, true],
      ["deliveries.recover", { hookId: hookOfB, since: "2026-01-01T00:00:00.000Z" }, true],
      ["deliveries.recoverCount", { hookId: hookOfB, since: "2026-01-01T00:00:00.000Z" }, false],
      ["deliveries.ping", { hookId: hookOfB }, true],
      ["deliveries.sendTest", { hookId: hookOfB, event: "contact.created" }, true],
    ];
    const before = await database.db
      .selectFrom("hooks")
      .selectAll()
      .where("id", "=", hookOfB)
      .executeTakeFirst();
    for (const [procedure, input, mutation] of attempts) {
      const answer = await portalCall(procedure, input, { token, mutation });
      const missing = await portalCall(
        procedure,
        JSON.parse(JSON.stringify(input).replaceAll(hookOfB, "hook_doesnotexist")),
        { token, mutation },
      );
      expect(answer.status, procedure).toBe(404);
      expect(answer.error?.data.appCode, procedure).toBe("not_found");
      expect(answer.error?.message, procedure).toBe(missing.error?.message);
    }
    const after = await database.db
      .selectFrom("hooks")
      .selectAll()
      .where("id", "=", hookOfB)
      .executeTakeFirst();
    expect(after).toEqual(before);
    const deliveries = await database.db
      .selectFrom("deliveries")
      .select("id")
      .where("hook_id", "=", hookOfB)
      .execute();
    expect(deliveries).toEqual([]);
  });

  it("opens nothing of the admin UI: admin procedures with a portal token are 401", async () => {
    const token = await tokenFor();
    const list = await portalCall("hook.list", {}, { token, route: "admin" });
    expect(list.status).toBe(401);
    const create = await portalCall(
      "apiKey.create",
      { name: "escalated" },
      { token, route: "admin", mutation: true },
    );
    expect(create.status).toBe(401);
    expect(
      await database.db.selectFrom("api_keys").select("id").where("name", "=", "escalated").execute(),
    ).toEqual([]);
  });

  it("is not opened by an admin's session cookie without a token (401)", async () => {
    const session = await createSession(database.db, admin.user as never);
    const cookie = `${sessionCookieName(false)}=${session.token}`;
    const answer = await portalCall("hooks.list", {}, { cookie });
    expect(answer.status).toBe(401);
    expect(answer.error?.message).toMatch(/expired or is not valid/);
    // The control: the same cookie does open the admin UI's procedures.
    expect((await portalCall("hook.list", {}, { cookie, route: "admin" })).status).toBe(200);
  });

  it("refuses a tampered token: another session id, another expiry, another MAC", async () => {
    const token = await tokenFor();
    const [id, expiry, mac] = token.split(".") as [string, string, string];
    const other = (await tokenFor()).split(".")[0] as string;
    const flip = (text: string) => text.slice(0, -1) + (text.endsWith("A") ? "B" : "A");
    for (const forged of [
      `${other}.${expiry}.${mac}`,
      `${id}.${(Number.parseInt(expiry, 36) + 86_400).toString(36)}.${mac}`,
      `${id}.${expiry}.${flip(mac)}`,
      `${id}.${expiry}`,
      `${token}.`,
      "x".repeat(500),
    ]) {
      expect(await resolvePortalSession(database.db, forged), forged).toBeNull();
      const answer = await portalCall("hooks.list", {}, { token: forged });
      expect(answer.status, forged).toBe(401);
    }
    // The control: the untouched token works.
    expect((await portalCall("hooks.list", {}, { token })).status).toBe(200);
  });

  it("expires: past its time, or its row's, it opens nothing", async () => {
    const created = await newLink(keyA.secret, { expires_in: 60 });
    const token = new URL(created.body.url).pathname.replace("/portal/", "");
    expect(await resolvePortalSession(database.db, token)).not.toBeNull();
    vi.useFakeTimers({ toFake: ["Date"], now: Date.now() + 61_000 });
    expect(await resolvePortalSession(database.db, token)).toBeNull();
    vi.useRealTimers();

    const other = await tokenFor();
    await database.db
      .updateTable("portal_sessions")
      .set({ expires_at: new Date(Date.now() - 1000) })
      .where("id", "=", other.split(".")[0] as string)
      .execute();
    expect(await resolvePortalSession(database.db, other)).toBeNull();
    expect((await portalCall("hooks.list", {}, { token: other })).status).toBe(401);
  });

  it("is revoked with the admin's 'Revoke portal links', and closes with its key", async () => {
    const first = await tokenFor();
    const second = await tokenFor();
    const link = await admin.caller.apiKey.createPortalLink({ id: keyA.id, expires_in: 600 });
    expect(link.path).toMatch(/^\/portal\/pts_/);
    expect(link.url).toBeNull();
    const third = link.path.replace("/portal/", "");
    expect(await resolvePortalSession(database.db, third)).toMatchObject({ apiKeyId: keyA.id });

    const { revoked } = await admin.caller.apiKey.revokePortalLinks({ id: keyA.id });
    expect(revoked).toBeGreaterThanOrEqual(3);
    for (const token of [first, second, third]) {
      expect(await resolvePortalSession(database.db, token)).toBeNull();
      expect((await portalCall("hooks.list", {}, { token })).status).toBe(401);
    }
    const audit = await database.db
      .selectFrom("audit_log")
      .select(["actor_type", "actor_id", "object_id"])
      .where("kind", "=", "api_key.portal_links_revoked")
      .executeTakeFirstOrThrow();
    expect(audit).toEqual({ actor_type: "admin", actor_id: admin.user.id, object_id: keyA.id });

    // A new link works again; revoking the key closes it.
    const fresh = await tokenFor();
    expect(await resolvePortalSession(database.db, fresh)).not.toBeNull();
    await revokeApiKey(database.db, { id: keyA.id });
    expect(await resolvePortalSession(database.db, fresh)).toBeNull();
    const refused = await admin.caller.apiKey.createPortalLink({ id: keyA.id }).catch((error) => error);
    expect(refused.message).toMatch(/revoked/);
  });

  it("is forgotten by the clean-up round once expired, and only then", async () => {
    // Key A was revoked above: key B's links.
    const live = await tokenFor(keyB.secret);
    const gone = await tokenFor(keyB.secret);
    const goneId = gone.split(".")[0] as string;
    await database.db
      .updateTable("portal_sessions")
      .set({ expires_at: new Date(Date.now() - 1000) })
      .where("id", "=", goneId)
      .execute();
    await pruneAuthRecords(database.db);
    const left = await database.db.selectFrom("portal_sessions").select("id").execute();
    expect(left.map((row) => row.id)).not.toContain(goneId);
    expect(left.map((row) => row.id)).toContain(live.split(".")[0]);
    expect(await resolvePortalSession(database.db, live)).not.toBeNull();
  });

  it("refuses bad admin input with a clear error and stores nothing", async () => {
    const before = await sessionCount();
    await expect(admin.caller.apiKey.createPortalLink({ id: keyB.id, expires_in: 90_000 })).rejects.toThrow(
      /at most 86400 seconds/,
    );
    await expect(admin.caller.apiKey.createPortalLink({ id: "key_missing" })).rejects.toThrow(/No API key/);
    await expect(admin.caller.apiKey.revokePortalLinks({ id: "key_missing" })).rejects.toThrow(/No API key/);
    expect(await sessionCount()).toBe(before);
  });
});

describe("a portal's hook list", () => {
  it("pages through every one of its key's hooks, newest first, with their total, and never another key's", async () => {
    const mine = await createApiKey(database.db, { name: "Many hooks", createdBy: null });
    const theirs = await createApiKey(database.db, { name: "Neighbour", createdBy: null });
    // Interleaved, so another key's hooks sit between this key's on every page boundary.
    const ours: string[] = [];
    const others = new Set<string>();
    for (let index = 0; index < 130; index += 1) {
      ours.push(
        (await insertHook(database.db, { target: `${receiver.url}/many-${index}`, apiKeyId: mine.apiKey.id }))
          .id,
      );
      if (index % 10 === 0) {
        others.add(
          (
            await insertHook(database.db, {
              target: `${receiver.url}/theirs-${index}`,
              apiKeyId: theirs.apiKey.id,
            })
          ).id,
        );
      }
    }
    const token = await tokenFor(mine.secret);

    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await portalCall("hooks.list", { limit: 50, ...(cursor ? { cursor } : {}) }, { token });
      expect(page.status, JSON.stringify(page.error)).toBe(200);
      expect(page.data.data.length).toBeLessThanOrEqual(50);
      seen.push(...page.data.data.map((hook: { id: string }) => hook.id));
      cursor = page.data.next_cursor ?? undefined;
      pages += 1;
    } while (cursor && pages < 10);
    expect(pages).toBe(3);
    expect(seen).toEqual([...ours].sort().reverse());
    expect(seen.filter((id) => others.has(id))).toEqual([]);

    // The portal's first page without a limit is the admin list's and the REST API's page size.
    const first = await portalCall("hooks.list", {}, { token });
    expect(first.data.data).toHaveLength(25);
    expect(first.data.next_cursor).not.toBeNull();

    expect((await portalCall("hooks.count", undefined, { token })).data).toEqual({ count: 130, exact: true });
    const neighbour = await tokenFor(theirs.secret);
    expect((await portalCall("hooks.count", undefined, { token: neighbour })).data).toEqual({
      count: others.size,
      exact: true,
    });

    // A limit out of range or a cursor that is not one is refused clearly, never a 500.
    for (const input of [
      { limit: 0 },
      { limit: 101 },
      { cursor: "not-a-cursor" },
      { cursor: "x".repeat(201) },
    ]) {
      const refused = await portalCall("hooks.list", input, { token });
      expect(refused.status, JSON.stringify(input)).toBe(400);
    }
  });
});
