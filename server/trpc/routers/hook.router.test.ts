// The admin UI's hook procedures over a real database and a real receiver on 127.0.0.1.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiKey, revokeApiKey } from "@/server/auth/api-key.service";
import { createSession } from "@/server/auth/session.service";
import { sessionCookieName } from "@/server/auth/session-cookie";
import { createUser } from "@/server/auth/user.service";
import { overrideConfig } from "@/server/config/config";
import type { Actor } from "@/server/events/actor";
import { hookCreateInput } from "@/server/hooks/hook.schema";
import { createHook } from "@/server/hooks/hook.service";
import {
  echoHookSecret,
  type LoopbackReceiver,
  startLoopbackReceiver,
} from "@/server/testing/loopback-receiver";
import { createTestDatabase, type TestDatabase } from "@/server/testing/test-database";
import { createTrpcContext } from "../init";
import { createCaller } from "../root";

let database: TestDatabase;
let receiver: LoopbackReceiver;
let base: string;
let admin: ReturnType<typeof createCaller>;
let adminEmail: string;
overrideConfig({ HOOKLINE_ALLOWED_TARGETS: "127.0.0.0/8" });

beforeAll(async () => {
  database = await createTestDatabase();
  receiver = await startLoopbackReceiver({
    respond: (request, res) => {
      if (request.path.startsWith("/echo")) echoHookSecret(request, res);
      else res.writeHead(request.path.startsWith("/quiet") ? 200 : 500).end();
    },
  });
  base = receiver.origin;

  const user = await createUser(database.db, {
    email: "ops@example.com",
    password: "a long enough password",
  });
  adminEmail = user.email;
  const session = await createSession(database.db, user);
  const headers = new Headers({ cookie: `${sessionCookieName(false)}=${session.token}` });
  const ctx = await createTrpcContext({ db: database.db, headers, secure: false, resHeaders: new Headers() });
  expect(ctx.user?.email).toBe(user.email);
  admin = createCaller(ctx);
});
afterAll(async () => {
  await receiver.close();
  await database.close();
});

describe("hook router", () => {
  it("refuses callers who are not signed in", async () => {
    const ctx = await createTrpcContext({
      db: database.db,
      headers: new Headers(),
      secure: false,
      resHeaders: new Headers(),
    });
    await expect(createCaller(ctx).hook.list({})).rejects.toMatchObject({ code: "UNAUTHORIZED" });
  });

  it("lets an admin confirm a pending admin-owned hook with the secret its target received", async () => {
    const created = await admin.hook.create({
      target_url: `${base}/quiet/admin`,
      events: ["contact.created"],
    });
    expect(created.status).toBe("pending");
    await expect(admin.hook.activate({ id: created.id, secret: "whsec_wrong" })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    expect((await admin.hook.get({ id: created.id })).status).toBe("pending");
    expect((await admin.hook.activate({ id: created.id, secret: created.secret })).status).toBe("active");
    await admin.hook.delete({ id: created.id });
  });

  it("creates an admin-owned hook through intent verification", async () => {
    const created = await admin.hook.create({
      target_url: `${base}/echo/admin`,
      events: ["contact.created"],
    });
    expect(created.status).toBe("active");
    expect(created.secret).toMatch(/^whsec_/);
    const fetched = await admin.hook.get({ id: created.id });
    expect(fetched.owner).toEqual({
      kind: "admin",
      id: expect.stringMatching(/^usr_/),
      name: adminEmail,
      revoked: false,
    });

    await expect(
      admin.hook.create({ target_url: `${base}/fail`, event: "contact.created" }),
    ).rejects.toMatchObject({
      code: "UNPROCESSABLE_CONTENT",
      cause: { code: "intent_verification_failed" },
    });
  });

  it("lists every integrator's hooks with owner, filters and keyset pages", async () => {
    const key = await createApiKey(database.db, { name: "Zapier", createdBy: null });
    const actor: Actor = { source: "api", apiKeyId: key.apiKey.id, name: "Zapier" };
    const zap = await createHook(database.db, {
      actor,
      input: hookCreateInput.parse({ target_url: `${base}/quiet/zap`, event: "contact.deleted" }),
    });
    const star = await createHook(database.db, {
      actor,
      input: hookCreateInput.parse({ target_url: `${base}/echo/star`, events: ["*"] }),
    });

    const all = await admin.hook.list({});
    const ids = all.data.map((hook) => hook.id);
    expect(ids).toEqual(expect.arrayContaining([zap.id, star.id]));
    const zapRow = all.data.find((hook) => hook.id === zap.id);
    expect(zapRow?.owner).toEqual({ kind: "api_key", id: key.apiKey.id, name: "Zapier", revoked: false });
    expect(zapRow?.stats.pending).toBe(0);

    expect((await admin.hook.list({ status: "pending" })).data.map((hook) => hook.id)).toEqual([zap.id]);
    // A "*" hook hears every event, so it shows under any event filter.
    const deleted = (await admin.hook.list({ event: "contact.deleted" })).data.map((hook) => hook.id);
    expect(deleted).toEqual(expect.arrayContaining([zap.id, star.id]));
    expect((await admin.hook.list({ event: "contact.bounced" })).data.map((hook) => hook.id)).not.toContain(
      zap.id,
    );
    // Target search works with or without the scheme.
    expect((await admin.hook.list({ q: `${base}/quiet` })).data.map((hook) => hook.id)).toEqual([zap.id]);
    expect(
      (await admin.hook.list({ q: `${base.replace("http://", "")}/echo/st` })).data.map((hook) => hook.id),
    ).toEqual([star.id]);
    expect((await admin.hook.list({ q: "100%_" })).data).toEqual([]);
    // …and any part of the URL or the name, in any case.
    expect((await admin.hook.list({ q: "QUIET/ZA" })).data.map((hook) => hook.id)).toEqual([zap.id]);
    const named = await createHook(database.db, {
      actor,
      input: hookCreateInput.parse({
        target_url: `${base}/echo/named`,
        event: "contact.created",
        name: "CRM Sync",
      }),
    });
    expect((await admin.hook.list({ q: "crm sy" })).data.map((hook) => hook.id)).toEqual([named.id]);

    const first = await admin.hook.list({ limit: 1 });
    expect(first.data).toHaveLength(1);
    const second = await admin.hook.list({ limit: 1, cursor: first.next_cursor ?? undefined });
    expect(second.data[0]?.id).not.toBe(first.data[0]?.id);

    // Revoking the key shows up in the admin view and keeps its hooks off.
    await revokeApiKey(database.db, { id: key.apiKey.id });
    const revoked = await admin.hook.get({ id: star.id });
    expect(revoked).toMatchObject({
      status: "disabled",
      disabled_reason: "key_revoked",
      owner: { revoked: true },
    });
    await expect(admin.hook.enable({ id: star.id })).rejects.toMatchObject({ code: "CONFLICT" });
  });

  it("disables, enables, updates, rotates and deletes any hook", async () => {
    const created = await admin.hook.create({ target_url: `${base}/echo/ops`, event: "contact.created" });
    const disabled = await admin.hook.disable({ id: created.id });
    expect(disabled.status).toBe("disabled");
    expect((await admin.hook.get({ id: created.id })).disabled_reason).toBe("admin");
    expect((await admin.hook.enable({ id: created.id })).status).toBe("active");

    const updated = await admin.hook.update({ id: created.id, changes: { name: "Ops", payload: "skinny" } });
    expect(updated).toMatchObject({ name: "Ops", payload: "skinny" });

    const rotated = await admin.hook.rotateSecret({ id: created.id });
    expect(rotated.secret).not.toBe(created.secret);

    await admin.hook.delete({ id: created.id });
    await expect(admin.hook.get({ id: created.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});
