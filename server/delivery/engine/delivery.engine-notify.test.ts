// The loop sleeps until a NOTIFY — on PostgreSQL and on PGlite alike — and claims only on evidence
// of due work, at most once a second otherwise. A new event must wake it at once; a ping, a
// redelivery or a recovery makes deliveries due without an event to fan out, so its NOTIFY must
// ask for a claim — or it waits for the backstop.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { overrideConfig } from "@/server/config/config";
import { createTestDatabase, type TestDatabase } from "@/server/testing/test-database";
import { pingHook, redeliverDelivery } from "../delivery.service";
import {
  createTestContact,
  insertHook,
  type Receiver,
  startReceiver,
  waitFor,
} from "../delivery.test-support";
import { DeliveryEngine } from "./delivery.engine";

let database: TestDatabase;
let engine: DeliveryEngine;
let target: Receiver;
const actor = { source: "admin", userId: "usr_test", email: "admin@example.com" } as const;

overrideConfig({ HOOKLINE_ALLOWED_TARGETS: "127.0.0.0/8" });

beforeAll(async () => {
  database = await createTestDatabase();
  target = await startReceiver();
  // A poll far beyond the test: only a NOTIFY can wake the loop.
  engine = new DeliveryEngine(database, { pollMs: 60_000, leaseMs: 5_000, timeoutMs: 1_000 });
  await engine.start();
});

afterAll(async () => {
  await engine?.stop();
  await target?.close();
  await database?.close();
});

describe("the delivery loop, woken by NOTIFY", () => {
  it("sends a new event's delivery at once, without waiting for its poll", async () => {
    const hook = await insertHook(database.db, { target: target.url, events: ["contact.created"] });
    const started = Date.now();
    await createTestContact(database.db, "notify@example.com");
    const [request] = await target.waitForCount(1, 5_000);
    expect(request?.headers["x-hook-id"]).toBe(hook.id);
    expect(Date.now() - started).toBeLessThan(700);
    target.requests.length = 0;
  });

  it("claims a ping and a redelivery at once, without waiting for its backstop claim", async () => {
    const hook = await insertHook(database.db, { target: target.url });
    // The loop has just claimed (its first pass); the backstop would claim again in a second.
    const started = Date.now();
    const { delivery_id } = await pingHook(database.db, { actor, hookId: hook.id });
    const [ping] = await target.waitForCount(1, 5_000);
    expect(ping?.headers["webhook-id"]).toBe(delivery_id);
    expect(Date.now() - started).toBeLessThan(700);

    await waitFor(
      async () =>
        (
          await database.db
            .selectFrom("deliveries")
            .select("status")
            .where("id", "=", delivery_id)
            .executeTakeFirst()
        )?.status === "delivered",
      5_000,
      "the ping recorded as delivered",
    );
    const again = Date.now();
    await redeliverDelivery(database.db, { actor, hookId: hook.id, deliveryId: delivery_id });
    const requests = await target.waitForCount(2, 5_000);
    expect(requests[1]?.headers["webhook-id"]).toBe(delivery_id);
    expect(Date.now() - again).toBeLessThan(700);
  });
});
