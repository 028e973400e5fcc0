// The audit log as the services write it: one row per change, in the change's transaction (a
// change that fails, or whose audit row can't be written, leaves neither), who and from where,
// and never a secret. The engine's own rows (410, automatic disabling) are in delivery.engine.test.ts.
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as exportRoute from "@/app/(admin)/audit/export/route";
import * as acWebhooksRoute from "@/app/api/3/webhooks/route";
import * as hooksRoute from "@/app/api/v1/hooks/route";
import { createApiKey, revokeApiKey } from "@/server/auth/api-key.service";
import { createSession } from "@/server/auth/session.service";
import { sessionCookieName } from "@/server/auth/session-cookie";
import { useDatabase } from "@/server/database";
import type { Actor } from "@/server/events/actor";
import { hookCreateInput } from "@/server/hooks/hook.schema";
import {
  activateHook,
  createHook,
  deleteHook,
  rotateHookSecret,
  updateHook,
} from "@/server/hooks/hook.service";
import { createImportDraft } from "@/server/imports/import.service";
import { createAdminCaller } from "@/server/testing/admin-caller";
import { callRoute } from "@/server/testing/rest-client";
import { createTestDatabase, type TestDatabase } from "@/server/testing/test-database";
import { createTrpcContext } from "@/server/trpc/init";
import { createCaller } from "@/server/trpc/root";
import { listAuditLog } from "./audit.queries";

let database: TestDatabase;
let admin: Awaited<ReturnType<typeof createAdminCaller>>;
const adminEmail = "auditor@example.com";
const allowedTargets = process.env.HOOKLINE_ALLOWED_TARGETS;

beforeAll(async () => {
  process.env.HOOKLINE_ALLOWED_TARGETS = "127.0.0.0/8";
  database = await createTestDatabase();
  useDatabase(database);
  admin = await createAdminCaller(database.db, adminEmail);
});
afterAll(async () => {
  await database.close();
  if (allowedTargets === undefined) delete process.env.HOOKLINE_ALLOWED_TARGETS;
  else process.env.HOOKLINE_ALLOWED_TARGETS = allowedTargets;
});

function rowsOf(objectId: string) {
  return database.db
    .selectFrom("audit_log")
    .selectAll()
    .where("object_id", "=", objectId)
    .orderBy("id")
    .execute();
}
async function count(): Promise<number> {
  const row = await database.db
    .selectFrom("audit_log")
    .select(sql<number>`count(*)::int`.as("n"))
    .executeTakeFirstOrThrow();
  return row.n;
}

let serial = 0;
async function newHook(actor: Actor) {
  return createHook(database.db, {
    actor,
    input: hookCreateInput.parse({
      target_url: `http://127.0.0.1:9/audit/${++serial}`,
      event: "contact.created",
    }),
    acceptance: "none",
  });
}

describe("API keys", () => {
  it("create, rename, scope change and revoke each write one row, by the admin, with what changed", async () => {
    const { apiKey } = await admin.caller.apiKey.create({ name: "Audited", scopes: ["hooks"] });
    await admin.caller.apiKey.rename({ id: apiKey.id, name: "Audited, renamed" });
    await admin.caller.apiKey.changeScopes({ id: apiKey.id, scopes: ["hooks", "contacts:read"] });
    // Nothing changes: nothing recorded.
    await admin.caller.apiKey.changeScopes({ id: apiKey.id, scopes: ["hooks", "contacts:read"] });
    await admin.caller.apiKey.revoke({ id: apiKey.id });

    const rows = await rowsOf(apiKey.id);
    expect(rows.map((row) => row.kind)).toEqual([
      "api_key.created",
      "api_key.renamed",
      "api_key.scopes_changed",
      "api_key.revoked",
    ]);
    for (const row of rows) {
      expect(row).toMatchObject({
        actor_type: "admin",
        actor_id: admin.user.id,
        actor_label: adminEmail,
        object_type: "api_key",
      });
    }
    expect(rows[0]?.changes).toEqual({
      name: { before: null, after: "Audited" },
      scopes: { before: null, after: ["hooks"] },
    });
    expect(rows[1]?.changes).toEqual({ name: { before: "Audited", after: "Audited, renamed" } });
    expect(rows[2]?.changes).toEqual({
      scopes: { before: ["hooks"], after: ["contacts:read", "hooks"] },
    });
    expect(Object.keys(rows[3]?.changes ?? {})).toEqual(["revoked_at"]);
  });

  it("revoking a key records each hook it disables, in the same transaction", async () => {
    const { apiKey } = await createApiKey(database.db, { name: "Integrator", createdBy: null });
    const actor: Actor = { source: "api", apiKeyId: apiKey.id, name: apiKey.name };
    const hooks = [await newHook(actor), await newHook(actor)];
    await revokeApiKey(database.db, {
      id: apiKey.id,
      actor: { source: "admin", userId: admin.user.id, email: adminEmail },
    });
    for (const hook of hooks) {
      const rows = await rowsOf(hook.id);
      expect(rows.map((row) => [row.kind, row.actor_label])).toEqual([
        ["hook.created", "Integrator"],
        ["hook.disabled", adminEmail],
      ]);
      expect(rows[1]?.changes).toEqual({
        status: { before: "active", after: "disabled" },
        disabled_reason: { before: null, after: "key_revoked" },
      });
    }
  });

  it("a change that fails writes nothing", async () => {
    const before = await count();
    await expect(
      admin.caller.apiKey.create({ name: "Late", expires_at: new Date(Date.now() - 1000).toISOString() }),
    ).rejects.toThrow();
    await expect(admin.caller.apiKey.revoke({ id: "key_nothing" })).rejects.toThrow(/No API key/);
    expect(await count()).toBe(before);
  });
});

describe("hooks", () => {
  it("create, update, disable, enable, rotate and delete each write exactly one row", async () => {
    const actor: Actor = {
      source: "admin",
      userId: admin.user.id,
      email: adminEmail,
      origin: { ip: "203.0.113.9", userAgent: "Audit test" },
    };
    const hook = await newHook(actor);
    await updateHook(database.db, { actor, id: hook.id, input: { name: "Renamed" } });
    await updateHook(database.db, { actor, id: hook.id, input: { status: "disabled" } });
    await updateHook(database.db, { actor, id: hook.id, input: { status: "active" } });
    await rotateHookSecret(database.db, { actor, id: hook.id });
    await deleteHook(database.db, { actor, id: hook.id });

    const rows = await rowsOf(hook.id);
    expect(rows.map((row) => row.kind)).toEqual([
      "hook.created",
      "hook.updated",
      "hook.disabled",
      "hook.enabled",
      "hook.secret_rotated",
      "hook.deleted",
    ]);
    for (const row of rows) expect(row).toMatchObject({ ip: "203.0.113.9", user_agent: "Audit test" });
    expect(rows[1]?.changes).toEqual({ name: { before: null, after: "Renamed" } });
    expect(rows[2]?.changes).toEqual({
      status: { before: "active", after: "disabled" },
      disabled_reason: { before: null, after: "admin" },
    });
    expect(rows[4]?.changes).toEqual({});
    expect(rows[5]?.changes).toMatchObject({ status: { before: "active", after: null } });
  });

  it("activating a pending hook writes one row; a wrong secret or a refused change writes none", async () => {
    const actor: Actor = { source: "admin", userId: admin.user.id, email: adminEmail };
    const hook = await newHook(actor);
    await database.db
      .updateTable("hooks")
      .set({ status: "pending", verified_at: null })
      .where("id", "=", hook.id)
      .execute();
    const before = await count();
    await expect(activateHook(database.db, { actor, id: hook.id, secret: "whsec_wrong" })).rejects.toThrow();
    await expect(
      updateHook(database.db, { actor, id: hook.id, input: { status: "active" } }),
    ).rejects.toThrow(/awaits intent confirmation/);
    expect(await count()).toBe(before);
    await activateHook(database.db, { actor, id: hook.id, secret: hook.secret });
    expect((await rowsOf(hook.id)).map((row) => row.kind)).toEqual(["hook.created", "hook.activated"]);
  });

  it("is written in the change's transaction: when the audit row can't be written, the hook isn't deleted", async () => {
    const actor: Actor = { source: "admin", userId: admin.user.id, email: adminEmail };
    const hook = await newHook(actor);
    await sql`alter table audit_log add constraint refuse_deletions check (kind <> 'hook.deleted') not valid`.execute(
      database.db,
    );
    try {
      await expect(deleteHook(database.db, { actor, id: hook.id })).rejects.toThrow();
    } finally {
      await sql`alter table audit_log drop constraint refuse_deletions`.execute(database.db);
    }
    const still = await database.db
      .selectFrom("hooks")
      .select("id")
      .where("id", "=", hook.id)
      .executeTakeFirst();
    expect(still?.id).toBe(hook.id);
    expect(
      await database.db.selectFrom("hook_deletions").select("id").where("id", "=", hook.id).execute(),
    ).toEqual([]);
  });

  it("through the REST API: the key, the client's address and its User-Agent", async () => {
    const { apiKey, secret } = await createApiKey(database.db, { name: "Zapier", createdBy: null });
    // A target that answers nothing makes the handshake fail: nothing stored, nothing recorded.
    const before = await count();
    const refused = await callRoute(hooksRoute.POST, {
      method: "POST",
      path: "/api/v1/hooks",
      apiKey: secret,
      headers: { "user-agent": "Zapier/1.0" },
      body: { target_url: "http://127.0.0.1:9/nobody", event: "contact.created" },
    });
    expect(refused.status).toBe(422);
    expect(await count()).toBe(before);

    const created = await callRoute(acWebhooksRoute.POST, {
      method: "POST",
      path: "/api/3/webhooks",
      headers: { "api-token": secret, "user-agent": "Zapier/1.0" },
      body: {
        webhook: { name: "Flow", url: "http://127.0.0.1:9/flow", events: ["subscribe"], sources: ["api"] },
      },
    });
    expect(created.status).toBe(201);
    const page = await listAuditLog(database.db, { actor: apiKey.id, limit: 10 });
    expect(page.data).toHaveLength(1);
    expect(page.data[0]).toMatchObject({
      kind: "hook.created",
      actor_type: "api_key",
      actor_label: "Zapier",
      object_id: created.body.webhook.id,
      user_agent: "Zapier/1.0",
      // In-process calls carry no peer address: the same value rate limits see.
      ip: "local",
    });
  });
});

describe("admin accounts", () => {
  it("inviting, joining, a role change, a password change and removing each write one row, with no password or hash", async () => {
    const invited = await admin.caller.invitation.create({ email: "new-admin@example.com", role: "admin" });
    const token = invited.link.path.replace("/invitations/", "");
    const anonymous = createCaller(
      await createTrpcContext({
        db: database.db,
        headers: new Headers(),
        secure: false,
        resHeaders: new Headers(),
      }),
    );
    const { user: added } = await anonymous.invitation.accept({ token, password: "a long enough password" });
    const before = await count();
    await expect(
      admin.caller.invitation.create({ email: "new-admin@example.com", role: "admin" }),
    ).rejects.toThrow(/can already sign in/);
    expect(await count()).toBe(before);
    await admin.caller.user.setRole({ id: added.id, role: "viewer" });
    await admin.caller.user.changePassword({
      currentPassword: "a long enough password",
      newPassword: "another long password",
    });
    await admin.caller.user.delete({ id: added.id });

    expect(
      (await rowsOf(invited.invitation.id)).map((row) => [row.kind, row.actor_label, row.changes]),
    ).toEqual([
      [
        "user.invited",
        adminEmail,
        { email: { before: null, after: "new-admin@example.com" }, role: { before: null, after: "admin" } },
      ],
    ]);
    expect((await rowsOf(added.id)).map((row) => [row.kind, row.actor_label, row.changes])).toEqual([
      [
        "user.created",
        "new-admin@example.com",
        { email: { before: null, after: "new-admin@example.com" }, role: { before: null, after: "admin" } },
      ],
      ["user.role_changed", adminEmail, { role: { before: "admin", after: "viewer" } }],
      [
        "user.deleted",
        adminEmail,
        { email: { before: "new-admin@example.com", after: null }, role: { before: "viewer", after: null } },
      ],
    ]);
    const own = (await rowsOf(admin.user.id)).filter((row) => row.kind === "user.password_changed");
    expect(own.map((row) => row.changes)).toEqual([{}]);
    const all = JSON.stringify(await database.db.selectFrom("audit_log").selectAll().execute());
    expect(all).not.toMatch(/long enough password|another long password|scrypt|password_hash/);
  });
});

describe("automations, imports and settings", () => {
  it("each change writes one row; a change that changes nothing, or fails, writes none", async () => {
    const rule = await admin.caller.automation.create({
      name: "Welcome",
      trigger_tag: "new",
      delay_minutes: 5,
      set_status: null,
      add_tag: "welcomed",
    });
    await admin.caller.automation.update({
      id: rule.id,
      rule: { name: "Welcome", trigger_tag: "new", delay_minutes: 10, set_status: null, add_tag: "welcomed" },
    });
    await admin.caller.automation.pause({ id: rule.id });
    await admin.caller.automation.resume({ id: rule.id });
    await admin.caller.automation.delete({ id: rule.id });
    const ruleRows = await rowsOf(rule.id);
    expect(ruleRows.map((row) => row.kind)).toEqual([
      "automation.created",
      "automation.updated",
      "automation.paused",
      "automation.resumed",
      "automation.deleted",
    ]);
    expect(ruleRows[1]?.changes).toEqual({ delay_minutes: { before: 5, after: 10 } });
    const before = await count();
    await expect(admin.caller.automation.delete({ id: rule.id })).rejects.toThrow();
    expect(await count()).toBe(before);

    const draft = await createImportDraft(database.db, {
      fileName: "people.csv",
      bytes: new TextEncoder().encode("email\nada@example.com\n"),
      createdBy: admin.user.id,
    });
    await admin.caller.import.start({ id: draft.id, mode: "create_update", mapping: ["email"] });
    await expect(
      admin.caller.import.start({ id: draft.id, mode: "create_update", mapping: ["email"] }),
    ).rejects.toThrow(/already been started/);
    expect((await rowsOf(draft.id)).map((row) => [row.kind, row.actor_label])).toEqual([
      ["import.started", adminEmail],
    ]);

    await admin.caller.user.setTimeZone({ timeZone: "Europe/Berlin" });
    await admin.caller.user.setTimeZone({ timeZone: "Europe/Berlin" });
    const zone = (await rowsOf(admin.user.id)).filter((row) => row.kind === "settings.time_zone_changed");
    expect(zone.map((row) => row.changes)).toEqual([{ time_zone: { before: null, after: "Europe/Berlin" } }]);

    await database.db.updateTable("security_settings").set({ require_two_factor: true }).execute();
    await admin.caller.twoFactor.setRequirement({ required: false });
    expect((await rowsOf("security")).map((row) => [row.kind, row.changes])).toEqual([
      ["settings.two_factor_requirement_changed", { require_two_factor: { before: true, after: false } }],
    ]);
  });
});

describe("secrets", () => {
  it("no row holds a hook secret, an API key, a key hash or a password hash", async () => {
    const { secret: keySecret } = await admin.caller.apiKey.create({ name: "Secretive" });
    const hook = await newHook({ source: "admin", userId: admin.user.id, email: adminEmail });
    const rotated = await rotateHookSecret(database.db, {
      actor: { source: "admin", userId: admin.user.id, email: adminEmail },
      id: hook.id,
    });
    const all = JSON.stringify(await database.db.selectFrom("audit_log").selectAll().execute());
    const hashes = await database.db.selectFrom("api_keys").select("hash").execute();
    const users = await database.db.selectFrom("users").select("password_hash").execute();
    for (const value of [
      keySecret,
      hook.secret,
      rotated.secret,
      ...hashes.map((row) => row.hash),
      ...users.map((row) => row.password_hash),
    ]) {
      expect(all).not.toContain(value);
    }
    expect(all).not.toMatch(/whsec_|"hk_|"secret"|"hash"/);
  });
});

describe("reading it", () => {
  it("filters by actor, kind (or family), object and time, in keyset pages, newest first", async () => {
    const actor: Actor = { source: "admin", userId: admin.user.id, email: adminEmail };
    const hook = await newHook(actor);
    for (const name of ["one", "two", "three"]) {
      await updateHook(database.db, { actor, id: hook.id, input: { name } });
    }
    const first = await listAuditLog(database.db, { object: hook.id, limit: 2 });
    expect(first.data.map((row) => row.changes.name?.after)).toEqual(["three", "two"]);
    const second = await listAuditLog(database.db, {
      object: hook.id,
      limit: 2,
      cursor: first.next_cursor ?? undefined,
    });
    expect(second.data.map((row) => row.kind)).toEqual(["hook.updated", "hook.created"]);
    expect(second.next_cursor).toBeNull();

    expect(
      (await listAuditLog(database.db, { object: hook.id, kind: "hook.created", limit: 10 })).data,
    ).toHaveLength(1);
    expect(
      (await listAuditLog(database.db, { object: hook.id, kind: "hook.", limit: 10 })).data,
    ).toHaveLength(4);
    expect(
      (await listAuditLog(database.db, { object: hook.id, actor: adminEmail, limit: 10 })).data,
    ).toHaveLength(4);
    expect(
      (await listAuditLog(database.db, { object: hook.id, actor: "someone else", limit: 10 })).data,
    ).toEqual([]);
    const future = new Date(Date.now() + 60_000);
    expect((await listAuditLog(database.db, { object: hook.id, from: future, limit: 10 })).data).toEqual([]);
    expect((await listAuditLog(database.db, { object: hook.id, to: future, limit: 10 })).data).toHaveLength(
      4,
    );
    await expect(listAuditLog(database.db, { limit: 10, cursor: "bm9wZQ" })).rejects.toThrow(/cursor/);
  });

  it("exports what the filters show as CSV, to signed-in admins only", async () => {
    const actor: Actor = { source: "admin", userId: admin.user.id, email: adminEmail };
    const hook = await newHook(actor);
    await updateHook(database.db, { actor, id: hook.id, input: { name: "=HYPERLINK(1)" } });
    const session = await createSession(database.db, { id: admin.user.id });
    const cookie = `${sessionCookieName(false)}=${session.token}`;
    const response = await exportRoute.GET(
      new Request(`http://hookline.test/audit/export?object=${hook.id}`, { headers: { cookie } }),
    );
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    const lines = (await response.text()).replace(/^\uFEFF/, "").split("\r\n");
    expect(lines[0]).toBe(
      "at,actor_type,actor_id,actor_label,kind,object_type,object_id,changes,ip,user_agent",
    );
    expect(lines).toHaveLength(3);
    expect(lines[1]).toContain("hook.updated");
    // A formula stays text when a spreadsheet opens the file.
    expect(lines[1]).not.toMatch(/,=HYPERLINK/);
    expect(lines[2]).toContain("hook.created");

    const anonymous = await exportRoute.GET(new Request("http://hookline.test/audit/export"));
    expect(anonymous.status).toBe(401);
    const bad = await exportRoute.GET(
      new Request("http://hookline.test/audit/export?from=yesterday", { headers: { cookie } }),
    );
    expect(bad.status).toBe(400);
  });
});
