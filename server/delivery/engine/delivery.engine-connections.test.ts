// The engine and its connections: a slow hook takes no more than its share of an origin and a
// neighbour on the same origin goes at once; a send that waited too long for a connection, or was
// cut off by stop(), is handed back without counting against the receiver; and a send that outlasts
// its lease keeps it (heartbeat) instead of being sent a second time.
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { overrideConfig } from "@/server/config/config";
import { newId } from "@/server/lib/ids";
import { createTestDatabase, type TestDatabase } from "@/server/testing/test-database";
import {
  answerGate,
  createTestContact,
  insertHook,
  type Receiver,
  startReceiver,
  waitFor,
} from "../delivery.test-support";
import { DeliveryEngine } from "./delivery.engine";

let database: TestDatabase;
let engine: DeliveryEngine;
const receivers: Receiver[] = [];
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// Four connections per origin (a hook's share: three); leases of a second, renewed by the
// heartbeat; a send hands its delivery back after 1.2 s without a connection. perHook is above the
// share on purpose, so sends do wait for connections here.
const CONFIG = {
  perOrigin: 4,
  perHook: 8,
  leaseMs: 1_000,
  timeoutMs: 5_000,
  connectionWaitMs: 1_200,
  pollMs: 100,
} as const;

/** A receiver that answers after `delayMs`, counting the requests it holds open. */
async function slowReceiver(delayMs: number) {
  const state = { open: 0, mostOpen: 0 };
  const receiver = await startReceiver(async (_request, response) => {
    state.open += 1;
    state.mostOpen = Math.max(state.mostOpen, state.open);
    await sleep(delayMs);
    state.open -= 1;
    response.end("ok");
  });
  receivers.push(receiver);
  return { receiver, state };
}

async function insertEvents(type: string, count: number): Promise<void> {
  const contact = await createTestContact(database.db);
  await sql`
    insert into events (id, type, source, actor, contact_id, payload)
    select ${newId("evt")} || '_' || lpad(g::text, 4, '0'), ${type}, 'system', 'test', ${contact.id}, '{}'::jsonb
    from generate_series(1, ${count}) g
  `.execute(database.db);
  await sql`select pg_notify('hookline_events', '')`.execute(database.db);
}

function deliveriesOf(hookId: string) {
  return database.db
    .selectFrom("deliveries")
    .select(["id", "status", "attempt_count", "lease_id", "next_attempt_at"])
    .where("hook_id", "=", hookId)
    .execute();
}

function healthOf(hookId: string) {
  return database.db
    .selectFrom("hooks")
    .select(["failed_count", "consecutive_failures", "failing_since"])
    .where("id", "=", hookId)
    .executeTakeFirstOrThrow();
}

overrideConfig({ HOOKLINE_ALLOWED_TARGETS: "127.0.0.0/8" });

beforeAll(async () => {
  database = await createTestDatabase();
  engine = new DeliveryEngine(database, CONFIG);
  await engine.start();
});

afterAll(async () => {
  await engine?.stop();
  await Promise.all(receivers.map((r) => r.close()));
  await database?.close();
});

describe("connections per origin", () => {
  it("keeps a slow hook to its share of an origin, sends its neighbour at once, and hands back uncounted what waited too long", {
    timeout: 30_000,
  }, async () => {
    // The slow hook's requests are answered only once its neighbour's was sent and a waiting send
    // was handed back: the neighbour went out while the slow hook held its three connections, not
    // once one freed up, however slow the machine.
    const gate = answerGate();
    const state = { open: 0, mostOpen: 0 };
    const shared = await startReceiver(async (request, response) => {
      state.open += 1;
      state.mostOpen = Math.max(state.mostOpen, state.open);
      if (request.headers["x-hook-id"] === slow.id) await gate.passed;
      state.open -= 1;
      response.end("ok");
    });
    receivers.push(shared);
    const slow = await insertHook(database.db, { target: shared.url, events: ["contact.tag_added"] });
    // The neighbour: another hook on the same origin (x-hook-id tells their requests apart).
    const neighbour = await insertHook(database.db, {
      target: `${shared.url}?neighbour`,
      events: ["contact.created"],
    });
    await insertEvents("contact.tag_added", 8);
    try {
      await waitFor(async () => state.open >= 3 || undefined, 5_000, "the slow hook's share in flight");
      await createTestContact(database.db);
      await waitFor(
        async () => shared.requests.find((r) => r.headers["x-hook-id"] === neighbour.id),
        5_000,
        "the neighbour's delivery",
      );
      // Sent while the slow hook held its three connections and no more.
      expect(shared.requests.filter((r) => r.headers["x-hook-id"] === slow.id)).toHaveLength(3);
      // The five others wait for a connection; past connectionWaitMs they are handed back.
      await waitFor(async () => engine.stats.released > 0 || undefined, 10_000, "a waiting send handed back");
    } finally {
      gate.open();
    }

    // All eight of the slow hook's deliveries get through, each at its first and only attempt,
    // though five had to wait for connections and some waited long enough to be handed back.
    const rows = await waitFor(
      async () => {
        const all = await deliveriesOf(slow.id);
        return all.length === 8 && all.every((d) => d.status === "delivered") ? all : undefined;
      },
      20_000,
      "the slow hook's deliveries",
    );
    expect(rows.map((d) => d.attempt_count)).toEqual(Array(8).fill(1));
    expect(state.mostOpen).toBeLessThanOrEqual(4);
    expect(shared.requests.filter((r) => r.headers["x-hook-id"] === slow.id)).toHaveLength(8);
    expect(await healthOf(slow.id)).toEqual({
      failed_count: 0,
      consecutive_failures: 0,
      failing_since: null,
    });
  });
});

describe("leases", () => {
  it("renews the lease of a send that outlasts it, so it goes out once", { timeout: 20_000 }, async () => {
    const { receiver } = await slowReceiver(2_500);
    const hook = await insertHook(database.db, { target: receiver.url, events: ["contact.tag_removed"] });
    const renewedBefore = engine.stats.renewed;
    await insertEvents("contact.tag_removed", 1);
    const [row] = await waitFor(
      async () => {
        const all = await deliveriesOf(hook.id);
        return all[0]?.status === "delivered" ? all : undefined;
      },
      10_000,
      "delivered",
    );
    expect(row?.attempt_count).toBe(1);
    expect(receiver.requests).toHaveLength(1);
    expect(engine.stats.renewed).toBeGreaterThan(renewedBefore);
  });
});

describe("stop({ graceMs })", () => {
  it("hands back what is waiting for a connection at once, and what is on the wire after the grace period, uncounted", {
    timeout: 20_000,
  }, async () => {
    await engine.stop();
    const stopping = new DeliveryEngine(database, CONFIG);
    const { receiver, state } = await slowReceiver(5_000);
    const hook = await insertHook(database.db, { target: receiver.url, events: ["contact.bounced"] });
    await stopping.start();
    try {
      await insertEvents("contact.bounced", 6);
      await waitFor(async () => state.open >= 3 || undefined, 5_000, "three sends on the wire");
      const started = Date.now();
      await stopping.stop({ graceMs: 300 });
      expect(Date.now() - started).toBeLessThan(2_500);
    } finally {
      await stopping.stop();
    }
    const rows = await deliveriesOf(hook.id);
    expect(rows).toHaveLength(6);
    for (const row of rows) {
      expect(row).toMatchObject({ status: "pending", attempt_count: 0, lease_id: null });
      expect(row.next_attempt_at?.getTime()).toBeLessThanOrEqual(Date.now());
    }
    const attempts = await database.db
      .selectFrom("delivery_attempts")
      .select("delivery_id")
      .where(
        "delivery_id",
        "in",
        rows.map((r) => r.id),
      )
      .execute();
    expect(attempts).toHaveLength(0);
    expect(await healthOf(hook.id)).toEqual({
      failed_count: 0,
      consecutive_failures: 0,
      failing_since: null,
    });
  });
});
