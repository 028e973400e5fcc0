// The audit rows of a ping, a test event, one redelivery and a "recover since", from each door
// that offers them — the admin UI's tRPC, /api/v1 with an API key, the portal acting as its key —
// over a real database; and that the row and its change commit together or not at all.
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as redeliverRoute from "@/app/api/v1/hooks/[id]/deliveries/[delivery_id]/redeliver/route";
import * as pingRoute from "@/app/api/v1/hooks/[id]/ping/route";
import * as recoverRoute from "@/app/api/v1/hooks/[id]/recover/route";
import * as testRoute from "@/app/api/v1/hooks/[id]/test/route";
import type { DeliveryStatus } from "@/db/schema";
import { createApiKey } from "@/server/auth/api-key.service";
import { useDatabase } from "@/server/database";
import type { Actor } from "@/server/events/actor";
import { createPortalSession } from "@/server/portal/portal-session.service";
import { createAdminCaller } from "@/server/testing/admin-caller";
import { portalCall } from "@/server/testing/portal-client";
import { callRoute } from "@/server/testing/rest-client";
import { createTestDatabase, type TestDatabase } from "@/server/testing/test-database";
import { RECOVERED_IDS_LISTED } from "./delivery.audit";
import { pingHook, recoverDeliveries, redeliverDelivery, sendTestEvent } from "./delivery.service";
import { insertFinishedDelivery, insertHook } from "./delivery.test-support";

let database: TestDatabase;
let admin: Awaited<ReturnType<typeof createAdminCaller>>;
let key: { id: string; secret: string };
let portalToken: string;
const SINCE = "2026-01-01T00:00:00.000Z";
/** Nothing listens there: deliveries stay queued, as no tick runs. */
const TARGET = "http://127.0.0.1:9/";

beforeAll(async () => {
  database = await createTestDatabase();
  useDatabase(database);
  admin = await createAdminCaller(database.db, "audited@example.com");
  const created = await createApiKey(database.db, { name: "Zapier", createdBy: null });
  key = { id: created.apiKey.id, secret: created.secret };
  const link = await createPortalSession(database.db, {
    apiKeyId: key.id,
    actor: { source: "admin", userId: admin.user.id, email: admin.user.email },
    baseUrl: undefined,
  });
  portalToken = link.path.replace("/portal/", "");
});
afterAll(async () => {
  await database?.close();
});

function insertDelivery(hookId: string, status: DeliveryStatus, sequence: number): Promise<string> {
  return insertFinishedDelivery(database.db, { hookId, status, sequence });
}

/** A hook of the key with one failed delivery to redeliver and two more to recover. */
async function hookWithFailures() {
  const hook = await insertHook(database.db, { target: TARGET, apiKeyId: key.id });
  const one = await insertDelivery(hook.id, "failed", 1);
  const recoverable = [
    await insertDelivery(hook.id, "failed", 2),
    await insertDelivery(hook.id, "failed", 3),
  ];
  return { hookId: hook.id, one, recoverable };
}

function auditOf(hookId: string) {
  return database.db
    .selectFrom("audit_log")
    .select(["kind", "actor_type", "actor_id", "actor_label", "object_type", "object_id", "changes"])
    .where("object_id", "=", hookId)
    .orderBy("id")
    .execute();
}

async function statusOf(deliveryId: string): Promise<DeliveryStatus> {
  const row = await database.db
    .selectFrom("deliveries")
    .select("status")
    .where("id", "=", deliveryId)
    .executeTakeFirstOrThrow();
  return row.status;
}

/** The four rows one door's four actions must leave, in order, by `who`. */
function expectedRows(
  who: { actor_type: string; actor_id: string; actor_label: string },
  hook: { hookId: string; one: string; recoverable: string[] },
  sent: { ping: string; test: string },
) {
  const on = { ...who, object_type: "delivery", object_id: hook.hookId };
  return [
    {
      ...on,
      kind: "deliveries.ping_sent",
      changes: {
        delivery_id: { before: null, after: sent.ping },
        event_type: { before: null, after: "hook.ping" },
      },
    },
    {
      ...on,
      kind: "deliveries.test_sent",
      changes: {
        delivery_id: { before: null, after: sent.test },
        event_type: { before: null, after: "contact.created" },
      },
    },
    {
      ...on,
      kind: "deliveries.redelivered_one",
      changes: {
        delivery_id: { before: null, after: hook.one },
        status: { before: "failed", after: "pending" },
      },
    },
    {
      ...on,
      kind: "deliveries.recovered",
      changes: {
        since: { before: null, after: SINCE },
        status: { before: "failed", after: "pending" },
        redelivered: { before: null, after: 2 },
        delivery_ids: { before: null, after: [...hook.recoverable].sort() },
      },
    },
  ];
}

describe("single actions on deliveries are audited", () => {
  it("from the admin UI: the admin, the hook, the delivery ids and the count", async () => {
    const hook = await hookWithFailures();
    const { caller, user } = admin;
    const ping = await caller.delivery.ping({ hookId: hook.hookId });
    const test = await caller.delivery.sendTest({ hookId: hook.hookId, event: "contact.created" });
    await caller.delivery.redeliver({ hookId: hook.hookId, deliveryId: hook.one });
    expect(await caller.delivery.recover({ hookId: hook.hookId, since: SINCE })).toEqual({ requeued: 2 });

    expect(await auditOf(hook.hookId)).toEqual(
      expectedRows({ actor_type: "admin", actor_id: user.id, actor_label: user.email }, hook, {
        ping: ping.delivery_id,
        test: test.delivery_id,
      }),
    );
  });

  it("from /api/v1 with an API key: the key", async () => {
    const hook = await hookWithFailures();
    const call = (handler: Parameters<typeof callRoute>[0], path: string, body?: unknown) =>
      callRoute(handler, {
        method: "POST",
        path: `/api/v1/hooks/${hook.hookId}/${path}`,
        apiKey: key.secret,
        params: { id: hook.hookId, delivery_id: hook.one },
        body,
      });
    const ping = await call(pingRoute.POST, "ping");
    const test = await call(testRoute.POST, "test", { event: "contact.created" });
    const again = await call(redeliverRoute.POST, `deliveries/${hook.one}/redeliver`);
    const recovered = await call(recoverRoute.POST, "recover", { since: SINCE });
    expect([ping.status, test.status, again.status, recovered.status]).toEqual([202, 202, 202, 202]);

    expect(await auditOf(hook.hookId)).toEqual(
      expectedRows({ actor_type: "api_key", actor_id: key.id, actor_label: "Zapier" }, hook, {
        ping: ping.body.delivery_id,
        test: test.body.delivery_id,
      }),
    );
  });

  it("from the portal: its key, labelled as the portal", async () => {
    const hook = await hookWithFailures();
    const call = (procedure: string, input: object) =>
      portalCall(
        `deliveries.${procedure}`,
        { hookId: hook.hookId, ...input },
        {
          token: portalToken,
          mutation: true,
        },
      );
    const ping = await call("ping", {});
    const test = await call("sendTest", { event: "contact.created" });
    const again = await call("redeliver", { deliveryId: hook.one });
    const recovered = await call("recover", { since: SINCE });
    for (const answer of [ping, test, again, recovered]) expect(answer.error).toBeUndefined();

    expect(await auditOf(hook.hookId)).toEqual(
      expectedRows({ actor_type: "api_key", actor_id: key.id, actor_label: "Zapier (portal)" }, hook, {
        ping: ping.data.delivery_id,
        test: test.data.delivery_id,
      }),
    );
  });

  it("names at most a few of a large recover's deliveries, and counts them all", async () => {
    const hook = await insertHook(database.db, { target: TARGET });
    const count = RECOVERED_IDS_LISTED + 5;
    for (let i = 1; i <= count; i++) await insertDelivery(hook.id, "failed", i);
    const actor: Actor = { source: "system", job: "test" };
    expect(await recoverDeliveries(database.db, { actor, hookId: hook.id, since: new Date(SINCE) })).toBe(
      count,
    );
    const [row] = await auditOf(hook.id);
    expect(row?.changes.redelivered?.after).toBe(count);
    expect(row?.changes.delivery_ids?.after).toHaveLength(RECOVERED_IDS_LISTED);
  });
});

describe("no audit row without its change", () => {
  it("audits nothing when nothing was sent: another key's hook, a disabled hook, nothing to recover, one in flight", async () => {
    const other = await createApiKey(database.db, { name: "Other", createdBy: null });
    const theirs = await insertHook(database.db, { target: TARGET, apiKeyId: other.apiKey.id });
    const failed = await insertDelivery(theirs.id, "failed", 1);
    const foreign = (path: string, handler: Parameters<typeof callRoute>[0], body?: unknown) =>
      callRoute(handler, {
        method: "POST",
        path: `/api/v1/hooks/${theirs.id}/${path}`,
        apiKey: key.secret,
        params: { id: theirs.id, delivery_id: failed },
        body,
      });
    expect((await foreign("ping", pingRoute.POST)).status).toBe(404);
    expect((await foreign("test", testRoute.POST, { event: "contact.created" })).status).toBe(404);
    expect((await foreign(`deliveries/${failed}/redeliver`, redeliverRoute.POST)).status).toBe(404);
    expect((await foreign("recover", recoverRoute.POST, { since: SINCE })).status).toBe(404);

    const actor: Actor = { source: "admin", userId: admin.user.id, email: admin.user.email };
    const disabled = await insertHook(database.db, { target: TARGET });
    await database.db
      .updateTable("hooks")
      .set({ status: "disabled" })
      .where("id", "=", disabled.id)
      .execute();
    await expect(pingHook(database.db, { actor, hookId: disabled.id })).rejects.toMatchObject({
      code: "conflict",
    });
    expect(await recoverDeliveries(database.db, { actor, hookId: disabled.id, since: new Date(SINCE) })).toBe(
      0,
    );

    // Being sent right now (a live lease): left to finish, so nothing changed.
    const busy = await insertHook(database.db, { target: TARGET });
    const inFlight = await insertDelivery(busy.id, "pending", 1);
    await database.db
      .updateTable("deliveries")
      .set({ lease_id: "lease_test", lease_expires_at: sql<Date>`now() + interval '5 minutes'` })
      .where("id", "=", inFlight)
      .execute();
    await redeliverDelivery(database.db, { actor, hookId: busy.id, deliveryId: inFlight });

    for (const hookId of [theirs.id, disabled.id, busy.id]) expect(await auditOf(hookId)).toEqual([]);
    expect(await statusOf(failed)).toBe("failed");
  });
});

describe("no change without its audit row", () => {
  it("rolls the change back when the audit row can't be written", async () => {
    // The audit log refuses these kinds for the length of this test: a failure at the last step.
    await sql`create function refuse_delivery_audit() returns trigger language plpgsql as $$
      begin raise exception 'audit refused'; end $$`.execute(database.db);
    await sql`create trigger refuse_delivery_audit before insert on audit_log for each row
      when (new.kind like 'deliveries.%') execute function refuse_delivery_audit()`.execute(database.db);
    try {
      const hook = await hookWithFailures();
      const actor: Actor = { source: "admin", userId: admin.user.id, email: admin.user.email };
      const before = await database.db
        .selectFrom("hooks")
        .select("next_sequence")
        .where("id", "=", hook.hookId)
        .executeTakeFirstOrThrow();
      const eventCount = async () =>
        (
          await database.db
            .selectFrom("events")
            .select((eb) => eb.fn.countAll<string>().as("n"))
            .executeTakeFirstOrThrow()
        ).n;
      const eventsBefore = await eventCount();
      const options = { actor, hookId: hook.hookId };
      await expect(pingHook(database.db, options)).rejects.toThrow(/audit refused/);
      await expect(sendTestEvent(database.db, { ...options, type: "contact.created" })).rejects.toThrow(
        /audit refused/,
      );
      await expect(redeliverDelivery(database.db, { ...options, deliveryId: hook.one })).rejects.toThrow(
        /audit refused/,
      );
      await expect(recoverDeliveries(database.db, { ...options, since: new Date(SINCE) })).rejects.toThrow(
        /audit refused/,
      );

      const deliveries = await database.db
        .selectFrom("deliveries")
        .select("status")
        .where("hook_id", "=", hook.hookId)
        .execute();
      expect(deliveries.map((row) => row.status)).toEqual(["failed", "failed", "failed"]);
      const after = await database.db
        .selectFrom("hooks")
        .select("next_sequence")
        .where("id", "=", hook.hookId)
        .executeTakeFirstOrThrow();
      expect(after).toEqual(before);
      expect(await eventCount()).toBe(eventsBefore);
    } finally {
      await sql`drop trigger refuse_delivery_audit on audit_log`.execute(database.db);
      await sql`drop function refuse_delivery_audit()`.execute(database.db);
    }
  });
});
