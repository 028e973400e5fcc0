// The deliveries routes of /api/v1/hooks/{id} and the cron tick, through the real route handlers,
// a real database and a real loopback receiver. Sending is done by the tick (one bounded pass).
import { parse } from "node:querystring";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as tick from "@/app/api/internal/deliveries/tick/route";
import * as redeliver from "@/app/api/v1/hooks/[id]/deliveries/[delivery_id]/redeliver/route";
import * as deliveryById from "@/app/api/v1/hooks/[id]/deliveries/[delivery_id]/route";
import * as deliveries from "@/app/api/v1/hooks/[id]/deliveries/route";
import * as ping from "@/app/api/v1/hooks/[id]/ping/route";
import * as recover from "@/app/api/v1/hooks/[id]/recover/route";
import * as testEvent from "@/app/api/v1/hooks/[id]/test/route";
import { createApiKey } from "@/server/auth/api-key.service";
import { overrideConfig } from "@/server/config/config";
import { useDatabase } from "@/server/database";
import { eventListQuery, listEvents } from "@/server/events/event.read";
import { callRoute } from "@/server/testing/rest-client";
import { createTestDatabase, type TestDatabase } from "@/server/testing/test-database";
import {
  createTestContact,
  insertHook,
  type Receiver,
  startReceiver,
  verifyRequest,
} from "./delivery.test-support";

let database: TestDatabase;
let keyA: { id: string; secret: string };
let keyB: { id: string; secret: string };
let target: Receiver;
let healthy = true;

overrideConfig({
  HOOKLINE_ALLOWED_TARGETS: "127.0.0.0/8",
  HOOKLINE_RETRY_SCHEDULE: "0",
  HOOKLINE_TICK_SECRET: "tick-secret-for-tests",
});

beforeAll(async () => {
  database = await createTestDatabase();
  useDatabase(database);
  const a = await createApiKey(database.db, { name: "Zapier", createdBy: null });
  const b = await createApiKey(database.db, { name: "Other", createdBy: null });
  keyA = { id: a.apiKey.id, secret: a.secret };
  keyB = { id: b.apiKey.id, secret: b.secret };
  target = await startReceiver((_req, res) => {
    res.statusCode = healthy ? 200 : 500;
    res.end(healthy ? "thanks" : "down");
  });
});
afterAll(async () => {
  await target?.close();
  await database?.close();
});

function runTick(secret: string | undefined = "tick-secret-for-tests") {
  return callRoute(tick.POST, {
    method: "POST",
    path: "/api/internal/deliveries/tick",
    headers: secret ? { authorization: `Bearer ${secret}` } : {},
  });
}

describe("deliveries REST routes", () => {
  it("lists, shows, redelivers, recovers and pings — only on the caller's own hooks", async () => {
    const hook = await insertHook(database.db, {
      target: target.url,
      events: ["contact.created"],
      apiKeyId: keyA.id,
    });
    for (let i = 0; i < 3; i++) await createTestContact(database.db);
    expect((await runTick()).body).toMatchObject({ fanned_out: 3, sent: 3, recorded: 3 });
    expect(target.requests).toHaveLength(3);
    for (const request of target.requests) verifyRequest(request, hook.secret);

    const params = { id: hook.id };
    const page1 = await callRoute(deliveries.GET, {
      path: `/api/v1/hooks/${hook.id}/deliveries?limit=2`,
      apiKey: keyA.secret,
      params,
    });
    expect(page1.status).toBe(200);
    expect(page1.body.data).toHaveLength(2);
    expect(page1.body.data[0]).toEqual({
      id: expect.stringMatching(/^msg_/),
      event_id: expect.stringMatching(/^evt_/),
      event_type: "contact.created",
      sequence: 3,
      status: "delivered",
      attempt_count: 1,
      created_at: expect.any(String),
      delivered_at: expect.any(String),
      next_attempt_at: null,
      last_status_code: 200,
    });
    const page2 = await callRoute(deliveries.GET, {
      path: `/api/v1/hooks/${hook.id}/deliveries?limit=2&cursor=${page1.body.next_cursor}`,
      apiKey: keyA.secret,
      params,
    });
    expect(page2.body.data.map((d: { sequence: number }) => d.sequence)).toEqual([1]);
    expect(page2.body.next_cursor).toBeNull();

    const id = page1.body.data[0].id as string;
    const one = await callRoute(deliveryById.GET, {
      path: `/api/v1/hooks/${hook.id}/deliveries/${id}`,
      apiKey: keyA.secret,
      params: { id: hook.id, delivery_id: id },
    });
    expect(one.status).toBe(200);
    expect(Object.keys(one.body).sort()).toEqual(
      [
        "id",
        "event_id",
        "event_type",
        "sequence",
        "status",
        "attempt_count",
        "created_at",
        "delivered_at",
        "next_attempt_at",
        "last_status_code",
        "attempts",
      ].sort(),
    );
    expect(one.body.attempts).toEqual([
      {
        number: 1,
        started_at: expect.any(String),
        duration_ms: expect.any(Number),
        status_code: 200,
        error: null,
        request: { headers: expect.objectContaining({ "webhook-id": id }), body: expect.any(String) },
        response: { headers: expect.any(Object), body: "thanks" },
      },
    ]);

    // Another key's view: not found, and nothing changes.
    for (const [handler, path, extra] of [
      [deliveries.GET, `/api/v1/hooks/${hook.id}/deliveries`, {}],
      [deliveryById.GET, `/api/v1/hooks/${hook.id}/deliveries/${id}`, { delivery_id: id }],
    ] as const) {
      const other = await callRoute(handler, {
        path,
        apiKey: keyB.secret,
        params: { id: hook.id, ...extra },
      });
      expect(other.status).toBe(404);
      expect(other.body.error.code).toBe("not_found");
    }
    const foreignPing = await callRoute(ping.POST, {
      method: "POST",
      path: `/api/v1/hooks/${hook.id}/ping`,
      apiKey: keyB.secret,
      params,
    });
    expect(foreignPing.status).toBe(404);

    const again = await callRoute(redeliver.POST, {
      method: "POST",
      path: `/api/v1/hooks/${hook.id}/deliveries/${id}/redeliver`,
      apiKey: keyA.secret,
      params: { id: hook.id, delivery_id: id },
    });
    expect(again.status).toBe(202);
    await runTick();
    expect(target.requests).toHaveLength(4);
    expect(target.requests[3]?.headers["webhook-id"]).toBe(id);

    const pinged = await callRoute(ping.POST, {
      method: "POST",
      path: `/api/v1/hooks/${hook.id}/ping`,
      apiKey: keyA.secret,
      params,
    });
    expect(pinged.status).toBe(202);
    expect(pinged.body).toEqual({ delivery_id: expect.stringMatching(/^msg_/) });
    await runTick();
    expect(target.requests[4]?.json).toMatchObject({ type: "hook.ping", sequence: 4, hook: { id: hook.id } });
    expect(target.requests[4]?.headers["webhook-id"]).toBe(pinged.body.delivery_id);

    // A failure run: the schedule "0" allows one retry, then the delivery is failed.
    healthy = false;
    const since = new Date().toISOString();
    await createTestContact(database.db);
    await runTick();
    await runTick();
    const failed = await callRoute(deliveries.GET, {
      path: `/api/v1/hooks/${hook.id}/deliveries?status=failed`,
      apiKey: keyA.secret,
      params,
    });
    expect(failed.body.data).toHaveLength(1);
    expect(failed.body.data[0]).toMatchObject({ status: "failed", attempt_count: 2, last_status_code: 500 });

    healthy = true;
    const recovered = await callRoute(recover.POST, {
      method: "POST",
      path: `/api/v1/hooks/${hook.id}/recover`,
      apiKey: keyA.secret,
      params,
      body: { since },
    });
    expect(recovered).toMatchObject({ status: 202, body: { requeued: 1 } });
    await runTick();
    const after = await callRoute(deliveries.GET, {
      path: `/api/v1/hooks/${hook.id}/deliveries?status=failed`,
      apiKey: keyA.secret,
      params,
    });
    expect(after.body.data).toEqual([]);
  });

  it("refuses a bad recover body and a bad status filter with validation_failed", async () => {
    const hook = await insertHook(database.db, { target: target.url, apiKeyId: keyA.id });
    const bad = await callRoute(recover.POST, {
      method: "POST",
      path: `/api/v1/hooks/${hook.id}/recover`,
      apiKey: keyA.secret,
      params: { id: hook.id },
      body: { since: "yesterday" },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe("validation_failed");
    const badStatus = await callRoute(deliveries.GET, {
      path: `/api/v1/hooks/${hook.id}/deliveries?status=lost`,
      apiKey: keyA.secret,
      params: { id: hook.id },
    });
    expect(badStatus.status).toBe(400);
  });
});

describe("test events: POST /api/v1/hooks/{id}/test", () => {
  function sendTest(hookId: string, body: unknown, apiKey = keyA.secret) {
    return callRoute(testEvent.POST, {
      method: "POST",
      path: `/api/v1/hooks/${hookId}/test`,
      apiKey,
      params: { id: hookId },
      body,
    });
  }

  it("sends a signed example of the type, marked as a test, through the engine, and logs it", async () => {
    // Subscribed to another event: a test goes to this hook whatever it hears.
    const hook = await insertHook(database.db, {
      target: target.url,
      events: ["contact.deleted"],
      apiKeyId: keyA.id,
    });
    const before = target.requests.length;
    const sent = await sendTest(hook.id, { event: "contact.tag_added" });
    expect(sent.status).toBe(202);
    expect(sent.body).toEqual({ delivery_id: expect.stringMatching(/^msg_/) });
    await runTick();
    const request = target.requests[before];
    if (!request) throw new Error("the test event was not sent");
    verifyRequest(request, hook.secret);
    expect(request.headers["webhook-id"]).toBe(sent.body.delivery_id);
    expect(request.headers["x-hook-event"]).toBe("contact.tag_added");
    expect(request.json).toMatchObject({
      type: "contact.tag_added",
      test: true,
      sequence: 1,
      hook: { id: hook.id },
      data: { email: "ada@example.com", tags: expect.arrayContaining(["vip"]) },
      detail: { tag: expect.any(String) },
    });

    // Logged like any delivery: listed, with exactly what was sent.
    const detail = await callRoute(deliveryById.GET, {
      path: `/api/v1/hooks/${hook.id}/deliveries/${sent.body.delivery_id}`,
      apiKey: keyA.secret,
      params: { id: hook.id, delivery_id: sent.body.delivery_id },
    });
    expect(detail.body).toMatchObject({ event_type: "contact.tag_added", status: "delivered" });
    expect(detail.body.attempts[0].request.body).toBe(request.body);
    // Only this hook got it: the test event is no one else's.
    const row = await database.db
      .selectFrom("events")
      .select(["test", "fanout_pending"])
      .innerJoin("deliveries", "deliveries.event_id", "events.id")
      .where("deliveries.id", "=", sent.body.delivery_id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ test: true, fanout_pending: false });
    // The admin's events list says it is a test, not a change that happened.
    const events = await listEvents(database.db, eventListQuery.parse({ type: "contact.tag_added" }));
    expect(events.data.find((event) => event.id === request.json.id)).toMatchObject({ test: true });
  });

  it("marks an activecampaign hook's test in its form body", async () => {
    const hook = await insertHook(database.db, {
      target: target.url,
      apiKeyId: keyA.id,
      format: "activecampaign",
    });
    const before = target.requests.length;
    expect((await sendTest(hook.id, { event: "contact.unsubscribed" })).status).toBe(202);
    await runTick();
    const request = target.requests[before];
    if (!request) throw new Error("the test event was not sent");
    verifyRequest(request, hook.secret);
    expect(parse(request.body)).toMatchObject({
      type: "unsubscribe",
      test: "1",
      "contact[email]": "ada@example.com",
    });
  });

  it("refuses an unknown type, another key's hook and a disabled hook, sending nothing", async () => {
    const hook = await insertHook(database.db, { target: target.url, apiKeyId: keyA.id });
    const count = async () =>
      (
        await database.db
          .selectFrom("deliveries")
          .select(database.db.fn.countAll<number>().as("n"))
          .executeTakeFirstOrThrow()
      ).n;
    const before = Number(await count());
    const unknown = await sendTest(hook.id, { event: "contact.exploded" });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.details).toEqual([expect.objectContaining({ path: "event" })]);
    expect((await sendTest(hook.id, {})).status).toBe(400);
    expect((await sendTest(hook.id, { event: "contact.created" }, keyB.secret)).status).toBe(404);
    await database.db.updateTable("hooks").set({ status: "disabled" }).where("id", "=", hook.id).execute();
    const disabled = await sendTest(hook.id, { event: "contact.created" });
    expect(disabled.status).toBe(409);
    expect(Number(await count())).toBe(before);
  });
});

describe("tick route", () => {
  it("is refused while HOOKLINE_TICK_SECRET is unset, and with a wrong secret", async () => {
    const restore = overrideConfig({ HOOKLINE_TICK_SECRET: "" });
    try {
      expect((await runTick("anything")).status).toBe(403);
    } finally {
      restore();
    }
    const wrong = await runTick("nope");
    expect(wrong.status).toBe(401);
    expect(wrong.body.error.code).toBe("unauthorized");
    expect((await runTick("")).status).toBe(401);
  });
});
