import { parse } from "node:querystring";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { overrideConfig } from "@/server/config/config";
import { updateContact } from "@/server/contacts/contact.service";
import type { Actor } from "@/server/events/actor";
import { createTestDatabase, type TestDatabase } from "@/server/testing/test-database";
import { getDelivery } from "../delivery.read";
import { pingHook, recoverDeliveries, redeliverDelivery } from "../delivery.service";
import {
  answerGate,
  createTestContact,
  insertHook,
  newSecret,
  type Receiver,
  startReceiver,
  verifyRequest,
  waitFor,
} from "../delivery.test-support";
import { deliveryIdFor } from "../delivery-id";
import { DeliveryEngine } from "./delivery.engine";

let database: TestDatabase;
let engine: DeliveryEngine;
const receivers: Receiver[] = [];
const admin: Actor = { source: "admin", userId: "usr_test", email: "admin@example.com" };

async function receiver(...args: Parameters<typeof startReceiver>): Promise<Receiver> {
  const started = await startReceiver(...args);
  receivers.push(started);
  return started;
}

function auditOf(hookId: string) {
  return database.db
    .selectFrom("audit_log")
    .select(["kind", "actor_type", "actor_label"])
    .where("object_id", "=", hookId)
    .orderBy("id")
    .execute();
}

function delivery(id: string) {
  return database.db.selectFrom("deliveries").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
}

overrideConfig({
  HOOKLINE_ALLOWED_TARGETS: "127.0.0.0/8",
  HOOKLINE_RETRY_SCHEDULE: "0.2,0.2,0.2",
  HOOKLINE_PUBLIC_URL: "https://hookline.example",
});

beforeAll(async () => {
  database = await createTestDatabase();
});

afterAll(async () => {
  await Promise.all(receivers.map((r) => r.close()));
  await database?.close();
});

describe("delivery engine", () => {
  beforeAll(async () => {
    engine = new DeliveryEngine(database, { pollMs: 50, leaseMs: 5_000, timeoutMs: 1_000, perHook: 8 });
    await engine.start();
  });

  afterAll(async () => {
    await engine?.stop();
  });

  it("delivers a fat payload, signed twice, with every documented header", async () => {
    const target = await receiver();
    const hook = await insertHook(database.db, { target: target.url, events: ["contact.created"] });
    const contact = await createTestContact(database.db);
    const [request] = await target.waitForCount(1);
    if (!request) throw new Error("no request");
    verifyRequest(request, hook.secret);
    expect(request.headers).toMatchObject({
      "content-type": "application/json",
      "x-hook-id": hook.id,
      "x-hook-event": "contact.created",
      "x-hook-sequence": "1",
    });
    expect(request.headers["user-agent"]).toMatch(/^Hookline\/\d/);
    expect(request.headers["webhook-id"]).toMatch(/^msg_/);
    expect(Math.abs(Number(request.headers["webhook-timestamp"]) - Date.now() / 1000)).toBeLessThan(10);
    expect(request.json).toMatchObject({
      type: "contact.created",
      source: "admin",
      initiated_by: "admin@example.com",
      sequence: 1,
      hook: { id: hook.id, target: target.url, event: "contact.created" },
      data: contact,
    });
    expect(request.json.id).toMatch(/^evt_/);
    // The contact goes out exactly as the API shows it, key order included.
    expect(Object.keys(request.json.data)).toEqual(Object.keys(contact));

    const id = request.headers["webhook-id"] as string;
    await waitFor(async () => (await delivery(id)).status === "delivered", 5_000, "delivered status");
    const detail = await getDelivery(database.db, { actor: admin, hookId: hook.id, deliveryId: id });
    expect(detail).toMatchObject({
      status: "delivered",
      attempt_count: 1,
      last_status_code: 200,
      sequence: 1,
    });
    expect(detail.attempts).toHaveLength(1);
    expect(detail.attempts[0]).toMatchObject({
      number: 1,
      status_code: 200,
      error: null,
      request: { body: request.body },
      response: { body: "ok" },
    });
    const health = await database.db
      .selectFrom("hooks")
      .select(["delivered_count", "last_status_code", "consecutive_failures"])
      .where("id", "=", hook.id)
      .executeTakeFirstOrThrow();
    expect(health).toEqual({ delivered_count: 1, last_status_code: 200, consecutive_failures: 0 });
  });

  it("sends a skinny payload with the contact's public URL, and only to matching events and sources", async () => {
    const target = await receiver();
    const hook = await insertHook(database.db, {
      target: target.url,
      events: ["contact.updated"],
      payload: "skinny",
    });
    const otherSource = await insertHook(database.db, {
      target: target.url,
      events: ["contact.updated"],
      sources: ["api"],
    });
    const contact = await createTestContact(database.db);
    await updateContact(database.db, {
      actor: { source: "admin", userId: "u", email: "a@example.com" },
      id: contact.id,
      input: {
        first_name: "Augusta",
      },
    });
    const [request] = await target.waitForCount(1);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(target.requests).toHaveLength(1);
    verifyRequest(request as never, hook.secret);
    expect(request?.json).toMatchObject({
      type: "contact.updated",
      hook: { id: hook.id },
      data: { id: contact.id, url: `https://hookline.example/api/v1/contacts/${contact.id}` },
    });
    expect(Object.keys(request?.json.data ?? {})).toEqual(["id", "url"]);
    const id = request?.headers["webhook-id"] as string;
    await waitFor(async () => (await delivery(id)).status === "delivered", 5_000, "delivered status");
    const detail = await getDelivery(database.db, { actor: admin, hookId: hook.id, deliveryId: id });
    expect(detail.attempts[0]?.request.body).toBe(request?.body);
    const count = await database.db
      .selectFrom("deliveries")
      .select(sql<number>`count(*)::int`.as("n"))
      .where("hook_id", "=", otherSource.id)
      .executeTakeFirstOrThrow();
    expect(count.n).toBe(0);
  });

  it("retries after a 500 and after a timeout, honouring Retry-After, and records every attempt", async () => {
    const target = await receiver(async (_req, res, index) => {
      if (index === 0) {
        res.writeHead(500, { "retry-after": "1" });
        res.end("boom");
      } else if (index === 1) {
        await new Promise((resolve) => setTimeout(resolve, 1_500)); // past the 1 s test deadline
        res.end("late");
      } else {
        res.end("ok");
      }
    });
    const hook = await insertHook(database.db, { target: target.url, events: ["contact.created"] });
    await createTestContact(database.db);
    const requests = await target.waitForCount(3, 10_000);
    const ids = new Set(requests.map((r) => r.headers["webhook-id"]));
    expect(ids.size).toBe(1);
    for (const request of requests) verifyRequest(request, hook.secret);
    // Retry-After: 1 asked for more than the 0.2 s step; it is capped at twice the step (0.4 s).
    const gap = (requests[1]?.at ?? 0) - (requests[0]?.at ?? 0);
    expect(gap).toBeGreaterThanOrEqual(350);
    const id = requests[0]?.headers["webhook-id"] as string;
    await waitFor(async () => (await delivery(id)).status === "delivered", 5_000, "delivered");
    const detail = await getDelivery(database.db, { actor: admin, hookId: hook.id, deliveryId: id });
    expect(detail.attempts.map((a) => [a.number, a.status_code])).toEqual([
      [1, 500],
      [2, null],
      [3, 200],
    ]);
    expect(detail.attempts[0]?.response).toMatchObject({ body: "boom", headers: { "retry-after": "1" } });
    expect(detail.attempts[1]?.error).toMatch(/^timeout/);
  });

  it("marks a delivery failed after the last retry, and recover sends it again", async () => {
    let healthy = false;
    const target = await receiver((_req, res) => {
      res.statusCode = healthy ? 200 : 503;
      res.end();
    });
    const hook = await insertHook(database.db, { target: target.url, events: ["contact.created"] });
    const since = new Date(Date.now() - 1000);
    await createTestContact(database.db);
    await target.waitForCount(4, 10_000);
    const id = target.requests[0]?.headers["webhook-id"] as string;
    await waitFor(async () => (await delivery(id)).status === "failed", 5_000, "failed");
    const hookRow = await database.db
      .selectFrom("hooks")
      .select(["failed_count", "consecutive_failures", "failing_since", "last_status_code"])
      .where("id", "=", hook.id)
      .executeTakeFirstOrThrow();
    expect(hookRow).toMatchObject({ failed_count: 1, consecutive_failures: 4, last_status_code: 503 });
    expect(hookRow.failing_since).toBeInstanceOf(Date);

    healthy = true;
    expect(await recoverDeliveries(database.db, { actor: admin, hookId: hook.id, since })).toBe(1);
    await target.waitForCount(5);
    expect(target.requests[4]?.headers["webhook-id"]).toBe(id);
    await waitFor(async () => (await delivery(id)).status === "delivered", 5_000, "delivered");
    const healed = await database.db
      .selectFrom("hooks")
      .select(["consecutive_failures", "failing_since"])
      .where("id", "=", hook.id)
      .executeTakeFirstOrThrow();
    expect(healed).toEqual({ consecutive_failures: 0, failing_since: null });
  });

  it("redelivers a delivered delivery with the same webhook-id", async () => {
    const target = await receiver();
    const hook = await insertHook(database.db, { target: target.url, events: ["contact.created"] });
    await createTestContact(database.db);
    await target.waitForCount(1);
    const id = target.requests[0]?.headers["webhook-id"] as string;
    await waitFor(async () => (await delivery(id)).status === "delivered", 5_000, "delivered");
    await redeliverDelivery(database.db, { actor: admin, hookId: hook.id, deliveryId: id });
    await target.waitForCount(2);
    expect(target.requests[1]?.headers["webhook-id"]).toBe(id);
    verifyRequest(target.requests[1] as never, hook.secret);
    await waitFor(async () => (await delivery(id)).attempt_count === 2, 5_000, "second attempt recorded");
  });

  it("deletes a hook that answers 410 (and its deliveries); on_gone disable cancels what is pending", async () => {
    // The 410 waits until both events have their deliveries: one is then still pending behind the
    // ordered hook's first (answered at once, a fast engine disabled the hook before the second
    // event was even fanned out, and a disabled hook gets no new deliveries).
    let bothMade: Promise<unknown> = Promise.resolve();
    const goneTarget = await receiver(async (_req, res) => {
      await bothMade;
      res.statusCode = 410;
      res.end();
    });
    const deleted = await insertHook(database.db, { target: goneTarget.url, events: ["contact.created"] });
    const disabled = await insertHook(database.db, {
      target: goneTarget.url,
      events: ["contact.created"],
      onGone: "disable",
      ordered: true,
    });
    bothMade = waitFor(
      async () =>
        (await database.db.selectFrom("deliveries").select("id").where("hook_id", "=", disabled.id).execute())
          .length === 2,
      5_000,
      "both deliveries made",
    );
    bothMade.catch(() => {}); // awaited by the receiver; never left unhandled
    await createTestContact(database.db);
    await createTestContact(database.db);
    await waitFor(
      async () =>
        !(await database.db.selectFrom("hooks").select("id").where("id", "=", deleted.id).executeTakeFirst()),
      5_000,
      "hook deleted",
    );
    expect(
      await database.db.selectFrom("deliveries").select("id").where("hook_id", "=", deleted.id).execute(),
    ).toEqual([]);
    // It doesn't just vanish: the record of deleted hooks says the receiver did it.
    const record = await database.db
      .selectFrom("hook_deletions")
      .select(["reason", "deleted_by", "target_url", "failed_count"])
      .where("id", "=", deleted.id)
      .executeTakeFirstOrThrow();
    expect(record).toMatchObject({
      reason: "gone",
      deleted_by: "its receiver (410 Gone)",
      target_url: goneTarget.url,
    });
    expect(record.failed_count).toBeGreaterThanOrEqual(1);
    const hook = await waitFor(async () => {
      const row = await database.db
        .selectFrom("hooks")
        .select(["status", "disabled_reason"])
        .where("id", "=", disabled.id)
        .executeTakeFirstOrThrow();
      return row.status === "disabled" ? row : undefined;
    });
    expect(hook.disabled_reason).toBe("gone");
    const statuses = await database.db
      .selectFrom("deliveries")
      .select(["sequence", "status"])
      .where("hook_id", "=", disabled.id)
      .orderBy("sequence")
      .execute();
    expect(statuses).toEqual([
      { sequence: 1, status: "failed" },
      { sequence: 2, status: "cancelled" },
    ]);
    // One audit row per hook change, by the receiver, whatever the number of deliveries.
    expect(await auditOf(deleted.id)).toEqual([
      { kind: "hook.deleted", actor_type: "system", actor_label: "its receiver (410 Gone)" },
    ]);
    expect(await auditOf(disabled.id)).toEqual([
      { kind: "hook.disabled", actor_type: "system", actor_label: "its receiver (410 Gone)" },
    ]);
  });

  it("does not follow a redirect: a 3xx is a failed attempt", async () => {
    const elsewhere = await receiver();
    const target = await receiver((_req, res) => {
      res.writeHead(307, { location: elsewhere.url });
      res.end();
    });
    await insertHook(database.db, { target: target.url, events: ["contact.created"] });
    await createTestContact(database.db);
    await target.waitForCount(2, 5_000);
    const id = target.requests[0]?.headers["webhook-id"] as string;
    const row = await waitFor(async () => {
      const d = await delivery(id);
      return d.attempt_count >= 2 ? d : undefined;
    });
    expect(row.last_status_code).toBe(307);
    expect(elsewhere.requests).toHaveLength(0);
  });

  it("delivers an ordered hook's events strictly in sequence, holding later ones behind a failure", async () => {
    let failuresLeft = 2;
    let inFlight = 0;
    let maxInFlight = 0;
    const target = await receiver(async (req, res) => {
      inFlight += 1;
      maxInFlight = Math.max(maxInFlight, inFlight);
      await new Promise((resolve) => setTimeout(resolve, 20));
      inFlight -= 1;
      if (req.json.sequence === 3 && failuresLeft > 0) {
        failuresLeft -= 1;
        res.statusCode = 500;
      }
      res.end();
    });
    const hook = await insertHook(database.db, {
      target: target.url,
      events: ["contact.created"],
      ordered: true,
    });
    for (let i = 0; i < 8; i++) await createTestContact(database.db);
    await target.waitForCount(10, 15_000);
    const sequences = target.requests.map((r) => r.json.sequence);
    expect(sequences).toEqual([1, 2, 3, 3, 3, 4, 5, 6, 7, 8]);
    expect(maxInFlight).toBe(1);
    for (const request of target.requests) verifyRequest(request, hook.secret);
  });

  it("signs with both secrets during a rotation, and both verify", async () => {
    const target = await receiver();
    const previous = newSecret();
    const hook = await insertHook(database.db, {
      target: target.url,
      events: ["contact.created"],
      previousSecret: previous,
    });
    await createTestContact(database.db);
    const [request] = await target.waitForCount(1);
    if (!request) throw new Error("no request");
    expect(request.headers["webhook-signature"]?.split(" ")).toHaveLength(2);
    expect(request.headers["x-hook-signature"]?.split(", ")).toHaveLength(2);
    // A receiver holding either secret verifies both schemes (API.md: the old one keeps signing).
    verifyRequest(request, hook.secret);
    verifyRequest(request, previous);
    expect(() => verifyRequest(request, newSecret())).toThrow();
  });

  it("delivers ActiveCampaign's form body to an activecampaign hook, signed the same way", async () => {
    const target = await receiver();
    const hook = await insertHook(database.db, {
      target: target.url,
      events: ["contact.created"],
      format: "activecampaign",
    });
    const contact = await createTestContact(database.db);
    const [request] = await target.waitForCount(1);
    if (!request) throw new Error("no request");
    expect(request.headers["content-type"]).toBe("application/x-www-form-urlencoded; charset=utf-8");
    verifyRequest(request, hook.secret);
    expect(parse(request.body)).toMatchObject({
      type: "subscribe",
      initiated_from: "admin",
      initiated_by: "admin@example.com",
      list: "0",
      "contact[id]": contact.id,
      "contact[email]": contact.email,
      "contact[first_name]": "Ada",
      "contact[last_name]": "Lovelace",
      "contact[tags]": "vip",
    });
    // The attempt log keeps exactly what was sent.
    const id = request.headers["webhook-id"] as string;
    await waitFor(async () => (await delivery(id)).status === "delivered", 5_000, "delivered status");
    const detail = await getDelivery(database.db, { actor: admin, hookId: hook.id, deliveryId: id });
    expect(detail.attempts[0]?.request.body).toBe(request.body);
  });

  it("pings one hook only", async () => {
    const target = await receiver();
    const hook = await insertHook(database.db, { target: target.url, events: ["contact.created"] });
    const other = await insertHook(database.db, { target: target.url, events: ["*"] });
    const { delivery_id } = await pingHook(database.db, {
      actor: { source: "admin", userId: "u", email: "a@example.com" },
      hookId: hook.id,
    });
    const [request] = await target.waitForCount(1);
    expect(request?.headers["webhook-id"]).toBe(delivery_id);
    expect(request?.json).toMatchObject({ type: "hook.ping", hook: { id: hook.id } });
    // Named like every delivery, after its (ping) event and hook.
    expect(delivery_id).toBe(deliveryIdFor(request?.json.id as string, hook.id));
    verifyRequest(request as never, hook.secret);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(target.requests.filter((r) => (r.json.hook as { id: string }).id === other.id)).toHaveLength(0);
  });

  it("disables a hook whose attempts have all failed for five days", async () => {
    const target = await receiver((_req, res) => {
      res.statusCode = 500;
      res.end();
    });
    const hook = await insertHook(database.db, { target: target.url, events: ["contact.created"] });
    await database.db
      .updateTable("hooks")
      .set({ failing_since: new Date(Date.now() - 6 * 24 * 3600 * 1000), consecutive_failures: 40 })
      .where("id", "=", hook.id)
      .execute();
    await createTestContact(database.db);
    const row = await waitFor(async () => {
      const h = await database.db
        .selectFrom("hooks")
        .select(["status", "disabled_reason", "consecutive_failures"])
        .where("id", "=", hook.id)
        .executeTakeFirstOrThrow();
      return h.status === "disabled" ? h : undefined;
    });
    expect(row).toEqual({ status: "disabled", disabled_reason: "failing", consecutive_failures: 41 });
    expect(await auditOf(hook.id)).toEqual([
      { kind: "hook.disabled", actor_type: "system", actor_label: "delivery engine" },
    ]);
  });

  it("refuses a target the guard does not allow, and retries it like any failure", async () => {
    const hook = await insertHook(database.db, {
      target: "http://10.255.255.1:9/hook",
      events: ["contact.created"],
    });
    await createTestContact(database.db);
    const row = await waitFor(async () => {
      const d = await database.db
        .selectFrom("deliveries")
        .selectAll()
        .where("hook_id", "=", hook.id)
        .executeTakeFirst();
      return d && d.attempt_count > 0 ? d : undefined;
    });
    expect(row.last_error).toMatch(/^target_not_allowed/);
  });
});

describe("delivery engine with a slow receiver", () => {
  // Its own engine: no send here may reach its deadline, since the slow answers wait on the
  // test's gate, and a send cut off would free its slot and prove nothing. Sixteen slots, eight a
  // hook: a slow hook allowed past its share would hold them all.
  let slowEngine: DeliveryEngine;

  beforeAll(async () => {
    // The hooks of the tests above would take slots for every new contact: out of the way.
    await database.db
      .updateTable("hooks")
      .set({ status: "disabled" })
      .where("status", "=", "active")
      .execute();
    slowEngine = new DeliveryEngine(database, {
      pollMs: 50,
      leaseMs: 5_000,
      timeoutMs: 60_000,
      concurrency: 16,
      perHook: 8,
    });
    await slowEngine.start();
  });

  afterAll(async () => {
    await slowEngine?.stop();
  });

  it("keeps a slow receiver from delaying another hook's deliveries", async () => {
    // The slow receiver answers nothing until the other hook's delivery is sent: it went out while
    // the slow hook's backlog held its share, not once that share freed up, however slow the machine.
    const gate = answerGate();
    const slow = await receiver(gate.respond);
    const fast = await receiver();
    await insertHook(database.db, { target: slow.url, events: ["contact.tag_added"] });
    const fastHook = await insertHook(database.db, { target: fast.url, events: ["contact.created"] });
    // A backlog for the slow hook: 60 events at once (more than its per-hook share).
    const contact = await createTestContact(database.db);
    await sql`
      insert into events (id, type, source, actor, contact_id, payload)
      select 'evt_slow' || lpad(g::text, 6, '0'), 'contact.tag_added', 'system', 'bench', ${contact.id}, '{}'::jsonb
      from generate_series(1, 60) g
    `.execute(database.db);
    await slow.waitForCount(8, 5_000);
    await createTestContact(database.db);
    try {
      await fast.waitForCount(2, 10_000);
      // The slow hook still holds its share and no more: nothing of its backlog crowded out the other.
      expect(slow.requests).toHaveLength(8);
    } finally {
      gate.open();
    }
    expect(
      fast.requests.every((r) => r.json.hook && (r.json.hook as { id: string }).id === fastHook.id),
    ).toBe(true);
  });
});
