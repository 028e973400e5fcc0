// The /api/v1/hooks contract, end to end: real route handlers, a real database, API keys made by the
// service, and a real receiver on 127.0.0.1 for the intent-verification handshake.
import { sql } from "kysely";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import * as activateRoute from "@/app/api/v1/hooks/[id]/activate/route";
import * as rotateRoute from "@/app/api/v1/hooks/[id]/rotate-secret/route";
import * as hookRoute from "@/app/api/v1/hooks/[id]/route";
import * as hooksRoute from "@/app/api/v1/hooks/route";
import { createApiKey, revokeApiKey } from "@/server/auth/api-key.service";
import { overrideConfig } from "@/server/config/config";
import { useDatabase } from "@/server/database";
import {
  type LoopbackReceiver,
  type ReceivedRequest as Received,
  refusedLoopbackUrl,
  startLoopbackReceiver,
} from "@/server/testing/loopback-receiver";
import { type CallResult, callRoute } from "@/server/testing/rest-client";
import { createTestDatabase, type TestDatabase } from "@/server/testing/test-database";

let database: TestDatabase;
let receiver: LoopbackReceiver;
let base: string;
let refusedUrl: string;
let received: Received[] = [];
let keyA: { id: string; secret: string };
let keyB: { id: string; secret: string };

const restoreConfig = overrideConfig({
  HOOKLINE_ALLOWED_TARGETS: "127.0.0.0/8",
  HOOKLINE_INTENT_TIMEOUT_MS: "400",
});
let restoreAllowed: (() => void) | undefined;

beforeAll(async () => {
  database = await createTestDatabase();
  useDatabase(database);
  const a = await createApiKey(database.db, { name: "Zapier", createdBy: null });
  const b = await createApiKey(database.db, { name: "Other integrator", createdBy: null });
  keyA = { id: a.apiKey.id, secret: a.secret };
  keyB = { id: b.apiKey.id, secret: b.secret };

  receiver = await startLoopbackReceiver({
    respond: ({ path, headers }, res) => {
      const secret = headers["x-hook-secret"];
      if (path.startsWith("/echo")) res.writeHead(200, { "x-hook-secret": String(secret) }).end("ok");
      else if (path.startsWith("/wrong-echo")) res.writeHead(200, { "x-hook-secret": "whsec_nope" }).end();
      else if (path.startsWith("/quiet")) res.writeHead(204).end();
      else if (path.startsWith("/fail")) res.writeHead(500).end("boom");
      else if (path.startsWith("/gone")) res.writeHead(410).end();
      else if (path.startsWith("/redirect")) res.writeHead(302, { location: `${base}/echo` }).end();
      else if (path.startsWith("/slow")) setTimeout(() => res.writeHead(200).end(), 3_000);
      else res.writeHead(404).end();
    },
  });
  base = receiver.origin;
  received = receiver.requests;
  refusedUrl = await refusedLoopbackUrl();
});
afterAll(async () => {
  await receiver.close();
  await database.close();
  restoreConfig();
});
beforeEach(() => {
  received.length = 0;
});
afterEach(() => {
  restoreAllowed?.();
  restoreAllowed = undefined;
});

function createHook(body: unknown, apiKey: string | null = keyA.secret): Promise<CallResult> {
  return callRoute(hooksRoute.POST, {
    method: "POST",
    path: "/api/v1/hooks",
    apiKey: apiKey ?? undefined,
    body,
  });
}
function getHook(id: string, apiKey: string | null = keyA.secret) {
  return callRoute(hookRoute.GET, {
    path: `/api/v1/hooks/${id}`,
    apiKey: apiKey ?? undefined,
    params: { id },
  });
}
function patchHook(id: string, body: unknown, apiKey: string | null = keyA.secret) {
  return callRoute(hookRoute.PATCH, {
    method: "PATCH",
    path: `/api/v1/hooks/${id}`,
    apiKey: apiKey ?? undefined,
    body,
    params: { id },
  });
}
function deleteHook(id: string, apiKey: string | null = keyA.secret) {
  return callRoute(hookRoute.DELETE, {
    method: "DELETE",
    path: `/api/v1/hooks/${id}`,
    apiKey: apiKey ?? undefined,
    params: { id },
  });
}
function activate(id: string, secret: string | undefined, apiKey: string | null = keyA.secret) {
  return callRoute(activateRoute.POST, {
    method: "POST",
    path: `/api/v1/hooks/${id}/activate`,
    apiKey: apiKey ?? undefined,
    params: { id },
    ...(secret === undefined ? {} : { headers: { "x-hook-secret": secret } }),
  });
}
function rotate(id: string, apiKey: string | null = keyA.secret) {
  return callRoute(rotateRoute.POST, {
    method: "POST",
    path: `/api/v1/hooks/${id}/rotate-secret`,
    apiKey: apiKey ?? undefined,
    params: { id },
  });
}

async function hookCount(): Promise<number> {
  const row = await database.db
    .selectFrom("hooks")
    .select(sql<number>`count(*)::int`.as("n"))
    .executeTakeFirstOrThrow();
  return row.n;
}

function storedHook(id: string) {
  return database.db.selectFrom("hooks").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
}

describe("intent verification on create", () => {
  it("immediate confirmation: the receiver echoes X-Hook-Secret → 201, active, secret shown once", async () => {
    const response = await createHook({
      target_url: `${base}/echo/1`,
      events: ["contact.created", "contact.updated"],
      name: "CRM sync",
    });
    expect(response.status).toBe(201);
    const hook = response.body;
    expect(hook.id).toMatch(/^hook_/);
    expect(hook.status).toBe("active");
    expect(hook.secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(Buffer.from(hook.secret.slice(6), "base64")).toHaveLength(32);
    expect(Object.keys(hook).sort()).toEqual(
      [
        "id",
        "name",
        "target_url",
        "target",
        "events",
        "event",
        "sources",
        "payload",
        "format",
        "ordered",
        "on_gone",
        "status",
        "created_at",
        "stats",
        "secret",
      ].sort(),
    );
    expect(hook).toMatchObject({
      name: "CRM sync",
      target_url: `${base}/echo/1`,
      target: `${base}/echo/1`,
      events: ["contact.created", "contact.updated"],
      event: "contact.created",
      sources: ["admin", "api", "public", "system"],
      payload: "fat",
      format: "json",
      ordered: false,
      on_gone: "delete",
      stats: {
        delivered: 0,
        failed: 0,
        pending: 0,
        last_delivery_at: null,
        last_status_code: null,
        consecutive_failures: 0,
      },
    });
    expect(hook.created_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);

    // The handshake the receiver saw.
    expect(received).toHaveLength(1);
    const handshake = received[0] as Received;
    expect(handshake.headers["x-hook-secret"]).toBe(hook.secret);
    expect(handshake.headers["content-type"]).toBe("application/json");
    expect(handshake.headers["user-agent"]).toMatch(/^Hookline\//);
    expect(JSON.parse(handshake.body)).toEqual({
      type: "hook.verification",
      hook: { id: hook.id, target: `${base}/echo/1`, events: ["contact.created", "contact.updated"] },
    });

    // Never shown again.
    const fetched = await getHook(hook.id);
    expect(fetched.status).toBe(200);
    expect(fetched.body.secret).toBeUndefined();
    expect(fetched.body.status).toBe("active");
  });

  it("delayed confirmation: 2xx without the echo → pending; activate with the secret → active", async () => {
    const created = await createHook({ target_url: `${base}/quiet`, event: "contact.deleted" });
    expect(created.status).toBe(201);
    expect(created.body.status).toBe("pending");
    const { id, secret } = created.body;

    const wrong = await activate(id, "whsec_not-the-secret");
    expect(wrong.status).toBe(403);
    expect(wrong.body.error.code).toBe("forbidden");
    const missing = await activate(id, undefined);
    expect(missing.status).toBe(403);
    expect((await getHook(id)).body.status).toBe("pending");

    const confirmed = await activate(id, secret);
    expect(confirmed.status).toBe(200);
    expect(confirmed.body.status).toBe("active");
    expect(confirmed.body.secret).toBeUndefined();
    expect((await getHook(id)).body.status).toBe("active");
    // Idempotent: confirming again changes nothing.
    expect((await activate(id, secret)).body.status).toBe("active");
  });

  it("an echo of some other secret is not a confirmation", async () => {
    const created = await createHook({ target_url: `${base}/wrong-echo`, event: "contact.created" });
    expect(created.status).toBe(201);
    expect(created.body.status).toBe("pending");
  });

  it.each([
    ["a non-2xx answer", "/fail", /answered 500/],
    ["410 Gone", "/gone", /answered 410/],
    ["a redirect (never followed)", "/redirect", /answered 302 \(a redirect\)/],
    ["a timeout", "/slow", /did not answer .* within 400 ms/],
  ])("refusal: %s → 422 intent_verification_failed, nothing stored", async (_label, path, message) => {
    const before = await hookCount();
    const response = await createHook({ target_url: `${base}${path}`, event: "contact.created" });
    expect(response.status).toBe(422);
    expect(response.body.error.code).toBe("intent_verification_failed");
    expect(response.body.error.message).toMatch(message);
    expect(await hookCount()).toBe(before);
    if (path === "/redirect") {
      // Only the handshake to /redirect; the /echo it points to was never called.
      expect(received.map((request) => request.path)).toEqual(["/redirect"]);
    }
  });

  it("refusal: connection refused → 422 saying so, nothing stored", async () => {
    const before = await hookCount();
    const response = await createHook({ target_url: refusedUrl, event: "contact.created" });
    expect(response.status).toBe(422);
    expect(response.body.error).toMatchObject({
      code: "intent_verification_failed",
      message: expect.stringMatching(/connection refused/),
    });
    expect(await hookCount()).toBe(before);
  });

  it("a target outside HOOKLINE_ALLOWED_TARGETS → 422 target_not_allowed, no request sent", async () => {
    restoreAllowed = overrideConfig({ HOOKLINE_ALLOWED_TARGETS: "" });
    const before = await hookCount();
    for (const target of [
      `${base}/echo`,
      "http://10.0.0.7/hook",
      "http://localhost/hook",
      "http://[::1]/x",
    ]) {
      const response = await createHook({ target_url: target, event: "contact.created" });
      expect(response.status, target).toBe(422);
      expect(response.body.error.code, target).toBe("target_not_allowed");
    }
    expect(received).toHaveLength(0);
    expect(await hookCount()).toBe(before);
  });

  it("Zapier's body {target_url, event, subscription_url} → 201 with an id", async () => {
    const response = await createHook({
      subscription_url: "https://hooks.zapier.com/legacy/123",
      target_url: `${base}/echo/zap`,
      event: "contact.created",
    });
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({
      id: expect.stringMatching(/^hook_/),
      event: "contact.created",
      events: ["contact.created"],
      target: `${base}/echo/zap`,
    });
    expect(response.body.subscription_url).toBeUndefined();
  });

  it("accepts target and events, and * for every contact event", async () => {
    const response = await createHook({
      target: `${base}/echo/all`,
      events: ["contact.created", "*"],
      sources: ["api", "api", "public"],
      payload: "skinny",
      ordered: true,
      on_gone: "disable",
    });
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({
      target_url: `${base}/echo/all`,
      events: ["*"],
      event: "*",
      sources: ["api", "public"],
      payload: "skinny",
      ordered: true,
      on_gone: "disable",
    });
  });

  it.each([
    [{ event: "contact.created" }, "target_url"],
    [{ target_url: `${base}/echo` }, "events"],
    [{ target_url: `${base}/echo`, event: "contact.exploded" }, "event"],
    [{ target_url: `${base}/echo`, events: ["contact.created", "hook.ping"] }, "events.1"],
    [{ target_url: `${base}/echo`, events: [] }, "events"],
    [{ target_url: `${base}/echo`, event: "contact.created", payload: "medium" }, "payload"],
    [{ target_url: `${base}/echo`, event: "contact.created", ordered: "yes" }, "ordered"],
    [{ target_url: `${base}/echo`, event: "contact.created", sources: ["robots"] }, "sources.0"],
    [{ target_url: "ftp://example.org/x", event: "contact.created" }, "target_url"],
    [{ target_url: "https://user:pw@example.org/x", event: "contact.created" }, "target_url"],
    [{ target_url: 42, event: "contact.created" }, "target_url"],
  ])("bad input %j → 400 validation_failed at %s, nothing stored", async (body, path) => {
    const before = await hookCount();
    const response = await createHook(body);
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe("validation_failed");
    expect(response.body.error.details.map((detail: { path: string }) => detail.path)).toContain(path);
    expect(await hookCount()).toBe(before);
    expect(received).toHaveLength(0);
  });

  it("a write without JSON is 415", async () => {
    const response = await callRoute(hooksRoute.POST, {
      method: "POST",
      path: "/api/v1/hooks",
      apiKey: keyA.secret,
      body: "target_url=x",
      headers: { "content-type": "application/x-www-form-urlencoded" },
    });
    expect(response.status).toBe(415);
  });
});

describe("reading, changing and deleting hooks", () => {
  it("lists the caller's own hooks, newest first, with keyset pages", async () => {
    const mine = [];
    for (let i = 0; i < 3; i++) {
      mine.push(
        (await createHook({ target_url: `${base}/echo/list-${i}`, event: "contact.created" }, keyB.secret))
          .body.id,
      );
    }
    const first = await callRoute(hooksRoute.GET, { path: "/api/v1/hooks?limit=2", apiKey: keyB.secret });
    expect(first.status).toBe(200);
    expect(first.body.data.map((hook: { id: string }) => hook.id)).toEqual([mine[2], mine[1]]);
    expect(first.body.data[0].stats).toBeDefined();
    expect(first.body.data[0].secret).toBeUndefined();
    expect(first.body.next_cursor).toEqual(expect.any(String));
    const second = await callRoute(hooksRoute.GET, {
      path: `/api/v1/hooks?limit=2&cursor=${first.body.next_cursor}`,
      apiKey: keyB.secret,
    });
    expect(second.body.data.map((hook: { id: string }) => hook.id)).toEqual([mine[0]]);
    expect(second.body.next_cursor).toBeNull();

    // Key A's list holds none of B's.
    const ofA = await callRoute(hooksRoute.GET, { path: "/api/v1/hooks?limit=100", apiKey: keyA.secret });
    const idsOfA = ofA.body.data.map((hook: { id: string }) => hook.id);
    for (const id of mine) expect(idsOfA).not.toContain(id);

    const bad = await callRoute(hooksRoute.GET, { path: "/api/v1/hooks?limit=500", apiKey: keyB.secret });
    expect(bad.status).toBe(400);
  });

  it("PATCH changes fields, disables and re-enables", async () => {
    const { id } = (await createHook({ target_url: `${base}/echo/patch`, event: "contact.created" })).body;
    const patched = await patchHook(id, {
      events: ["contact.updated", "contact.tag_added"],
      sources: ["admin"],
      payload: "skinny",
      ordered: true,
      on_gone: "disable",
      name: "Renamed",
      unknown_field: true,
    });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({
      events: ["contact.updated", "contact.tag_added"],
      event: "contact.updated",
      sources: ["admin"],
      payload: "skinny",
      ordered: true,
      on_gone: "disable",
      name: "Renamed",
      status: "active",
    });
    expect(received).toHaveLength(1); // only the create's handshake: no target change, no new one

    const disabled = await patchHook(id, { status: "disabled" });
    expect(disabled.body.status).toBe("disabled");
    const row = await storedHook(id);
    expect(row.disabled_reason).toBe("api");
    expect(row.disabled_at).toBeInstanceOf(Date);

    const enabled = await patchHook(id, { status: "active" });
    expect(enabled.body.status).toBe("active");
    expect((await storedHook(id)).disabled_reason).toBeNull();

    const invalid = await patchHook(id, { status: "pending" });
    expect(invalid.status).toBe(400);
    expect((await patchHook(id, { events: ["nope"] })).status).toBe(400);
  });

  it("format chooses the body: json by default, activecampaign on create or PATCH; anything else is 400", async () => {
    const created = await createHook({
      target_url: `${base}/echo/format`,
      event: "contact.created",
      format: "activecampaign",
    });
    expect(created.status).toBe(201);
    expect(created.body.format).toBe("activecampaign");
    const { id } = created.body;
    expect((await getHook(id)).body.format).toBe("activecampaign");

    const back = await patchHook(id, { format: "json" });
    expect(back.status).toBe(200);
    expect(back.body.format).toBe("json");

    const refused = await patchHook(id, { format: "xml" });
    expect(refused.status).toBe(400);
    expect(refused.body.error.details).toEqual([expect.objectContaining({ path: "format" })]);
    expect((await getHook(id)).body.format).toBe("json");
    expect(
      (await createHook({ target_url: `${base}/echo/x`, event: "contact.created", format: 1 })).status,
    ).toBe(400);
  });

  it("PATCH target_url is verified again; a failed handshake changes nothing", async () => {
    const { id, secret } = (await createHook({ target_url: `${base}/echo/move`, event: "contact.created" }))
      .body;
    received.length = 0;

    const failedMove = await patchHook(id, { target_url: `${base}/fail`, name: "should not stick" });
    expect(failedMove.status).toBe(422);
    expect(failedMove.body.error.code).toBe("intent_verification_failed");
    const unchanged = (await getHook(id)).body;
    expect(unchanged).toMatchObject({ target_url: `${base}/echo/move`, status: "active", name: null });

    const quietMove = await patchHook(id, { target_url: `${base}/quiet/moved` });
    expect(quietMove.status).toBe(200);
    expect(quietMove.body).toMatchObject({ target_url: `${base}/quiet/moved`, status: "pending" });
    // The handshake carried the hook's current secret, which the receiver can use to activate.
    const lastHandshake = received.at(-1) as Received;
    expect(lastHandshake.headers["x-hook-secret"]).toBe(secret);
    expect(JSON.parse(lastHandshake.body).hook).toEqual({
      id,
      target: `${base}/quiet/moved`,
      events: ["contact.created"],
    });

    // A pending hook cannot be switched on by PATCH; only the receiver's confirmation does that.
    const shortcut = await patchHook(id, { status: "active" });
    expect(shortcut.status).toBe(409);
    // Disabling and re-enabling an unconfirmed hook brings it back to pending, not active.
    expect((await patchHook(id, { status: "disabled" })).body.status).toBe("disabled");
    expect((await patchHook(id, { status: "active" })).body.status).toBe("pending");
    expect((await activate(id, secret)).body.status).toBe("active");

    const echoMove = await patchHook(id, { target_url: `${base}/echo/back` });
    expect(echoMove.body).toMatchObject({ target_url: `${base}/echo/back`, status: "active" });
  });

  it("DELETE → 204, then 404", async () => {
    const { id } = (await createHook({ target_url: `${base}/echo/delete`, event: "contact.created" })).body;
    const deleted = await deleteHook(id);
    expect(deleted.status).toBe(204);
    expect(deleted.body).toBeUndefined();
    expect((await getHook(id)).status).toBe(404);
    const again = await deleteHook(id);
    expect(again.status).toBe(404);
    expect(again.body.error.code).toBe("not_found");
  });

  it("rotate-secret returns a new secret; the old one stays valid for 24 h", async () => {
    const { id, secret } = (await createHook({ target_url: `${base}/echo/rotate`, event: "contact.created" }))
      .body;
    const rotated = await rotate(id);
    expect(rotated.status).toBe(200);
    expect(Object.keys(rotated.body)).toEqual(["secret"]);
    expect(rotated.body.secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(rotated.body.secret).not.toBe(secret);
    const row = await storedHook(id);
    expect(row.secret).toBe(rotated.body.secret);
    expect(row.previous_secret).toBe(secret);
    const expiresIn = (row.previous_secret_expires_at as Date).getTime() - Date.now();
    expect(expiresIn).toBeGreaterThan(24 * 3600_000 - 60_000);
    expect(expiresIn).toBeLessThanOrEqual(24 * 3600_000);
  });
});

describe("authorization on every hooks route", () => {
  let hookOfA: { id: string; secret: string };

  beforeAll(async () => {
    const created = await createHook({ target_url: `${base}/quiet/authz`, event: "contact.created" });
    hookOfA = { id: created.body.id, secret: created.body.secret };
  });

  type Call = (apiKey: string | null) => Promise<CallResult>;
  const routes: Array<[string, Call, { scoped: boolean }]> = [
    [
      "GET /hooks",
      (apiKey) => callRoute(hooksRoute.GET, { path: "/api/v1/hooks", apiKey: apiKey ?? undefined }),
      { scoped: false },
    ],
    [
      "POST /hooks",
      (apiKey) =>
        callRoute(hooksRoute.POST, {
          method: "POST",
          path: "/api/v1/hooks",
          apiKey: apiKey ?? undefined,
          body: { target_url: `${base}/echo/authz-post`, event: "contact.created" },
        }),
      { scoped: false },
    ],
    ["GET /hooks/{id}", (apiKey) => getHook(hookOfA.id, apiKey), { scoped: true }],
    [
      "PATCH /hooks/{id}",
      (apiKey) => patchHook(hookOfA.id, { name: "taken over" }, apiKey),
      { scoped: true },
    ],
    ["POST /hooks/{id}/activate", (apiKey) => activate(hookOfA.id, hookOfA.secret, apiKey), { scoped: true }],
    ["POST /hooks/{id}/rotate-secret", (apiKey) => rotate(hookOfA.id, apiKey), { scoped: true }],
    ["DELETE /hooks/{id}", (apiKey) => deleteHook(hookOfA.id, apiKey), { scoped: true }],
  ];

  it.each(routes)("%s without a key → 401", async (_name, call) => {
    const response = await call(null);
    expect(response.status).toBe(401);
    expect(response.body.error.code).toBe("unauthorized");
  });

  it.each(routes)("%s with an unknown key → 401", async (_name, call) => {
    const response = await call(`hk_${"x".repeat(40)}`);
    expect(response.status).toBe(401);
  });

  it.each(routes.filter(([, , options]) => options.scoped))(
    "%s with another integrator's key → 404, and the hook is untouched",
    async (_name, call) => {
      const before = await storedHook(hookOfA.id);
      const response = await call(keyB.secret);
      expect(response.status).toBe(404);
      expect(response.body.error.code).toBe("not_found");
      expect(await storedHook(hookOfA.id)).toEqual(before);
    },
  );

  it("the Api-Token header authenticates like Bearer", async () => {
    const response = await callRoute(hookRoute.GET, {
      path: `/api/v1/hooks/${hookOfA.id}`,
      headers: { "api-token": keyA.secret },
      params: { id: hookOfA.id },
    });
    expect(response.status).toBe(200);
    expect(response.body.id).toBe(hookOfA.id);
  });

  it("revoking a key disables its hooks (key_revoked) and every route answers 401", async () => {
    const revocable = await createApiKey(database.db, { name: "Short-lived", createdBy: null });
    const hooks = [];
    for (const path of ["/echo/revoke-1", "/quiet/revoke-2"]) {
      hooks.push(
        (await createHook({ target_url: `${base}${path}`, event: "contact.created" }, revocable.secret)).body,
      );
    }
    expect(hooks.map((hook) => hook.status)).toEqual(["active", "pending"]);

    await revokeApiKey(database.db, { id: revocable.apiKey.id });
    for (const hook of hooks) {
      const row = await storedHook(hook.id);
      expect(row.status).toBe("disabled");
      expect(row.disabled_reason).toBe("key_revoked");
      expect(row.disabled_at).toBeInstanceOf(Date);
    }
    // Other keys' hooks are untouched.
    expect((await storedHook(hookOfA.id)).status).toBe("pending");

    for (const [name, call] of routes) {
      const response = await call(revocable.secret);
      expect(response.status, name).toBe(401);
      expect(response.body.error.message, name).toMatch(/revoked/);
    }
  });
});
