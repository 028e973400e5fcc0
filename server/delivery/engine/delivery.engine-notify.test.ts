// The loop sleeps until a NOTIFY — on PostgreSQL and on PGlite alike — and claims only on evidence
// of due work, at most once a second otherwise. A new event must wake it at once; a ping, a
// redelivery or a recovery makes deliveries due without an event to fan out, so its NOTIFY must
// ask for a claim — or it waits for the backstop.
//
// Here the poll and the backstop claim are a minute apart, far beyond every wait below: a send
// that arrives at all came from a NOTIFY (and, for a ping or a redelivery, from one asking for a
// claim). No wall-clock bound is needed, so a slow machine can't fail these tests, and a lost
// wake-up can't pass them.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
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
/** Far beyond every wait below, so only a NOTIFY can wake the loop or make it claim. */
const NEVER_WITHIN_TEST_MS = 60_000;
/** Ample for a NOTIFY's pass on a loaded machine, and still far short of NEVER_WITHIN_TEST_MS. */
const SEND_WAIT_MS = 10_000;

overrideConfig({ HOOKLINE_ALLOWED_TARGETS: "127.0.0.0/8" });

beforeAll(async () => {
  database = await createTestDatabase();
  target = await startReceiver();
  engine = new DeliveryEngine(database, {
    pollMs: NEVER_WITHIN_TEST_MS,
    backstopClaimMs: NEVER_WITHIN_TEST_MS,
    leaseMs: 5_000,
    timeoutMs: 1_000,
  });
  await engine.start();
  // Its first pass over before any test begins: else that pass, not a NOTIFY, could find the
  // first test's event.
  await waitFor(async () => engine.stats.claims > 0, SEND_WAIT_MS, "the loop's first pass");
});

beforeEach(() => {
  // Each test counts its own requests, even after another failed halfway.
  target.requests.length = 0;
});

afterAll(async () => {
  await engine?.stop();
  await target?.close();
  await database?.close();
});

describe("the delivery loop, woken by NOTIFY", () => {
  it("sends a new event's delivery at once, without waiting for its poll", async () => {
    const hook = await insertHook(database.db, { target: target.url, events: ["contact.created"] });
    await createTestContact(database.db, "notify@example.com");
    const [request] = await target.waitForCount(1, SEND_WAIT_MS);
    expect(request?.headers["x-hook-id"]).toBe(hook.id);
  });

  it(
    "claims a ping and a redelivery at once, without waiting for its backstop claim",
    async () => {
      const hook = await insertHook(database.db, { target: target.url });
      // The loop's first pass claimed; its backstop would not claim again within the test.
      const { delivery_id } = await pingHook(database.db, { actor, hookId: hook.id });
      const [ping] = await target.waitForCount(1, SEND_WAIT_MS);
      expect(ping?.headers["webhook-id"]).toBe(delivery_id);

      await waitFor(
        async () =>
          (
            await database.db
              .selectFrom("deliveries")
              .select("status")
              .where("id", "=", delivery_id)
              .executeTakeFirst()
          )?.status === "delivered",
        SEND_WAIT_MS,
        "the ping recorded as delivered",
      );
      await redeliverDelivery(database.db, { actor, hookId: hook.id, deliveryId: delivery_id });
      const requests = await target.waitForCount(2, SEND_WAIT_MS);
      expect(requests[1]?.headers["webhook-id"]).toBe(delivery_id);
    },
    3 * SEND_WAIT_MS + 5_000,
  );
});
