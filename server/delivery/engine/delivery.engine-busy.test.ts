// A busy engine — more than half its slots taken — spaces its passes out to carry more work each,
// but must not stop fetching work while slow receivers hold those slots, nor when they hold all.
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { overrideConfig } from "@/server/config/config";
import { createTestDatabase, type TestDatabase } from "@/server/testing/test-database";
import {
  answerGate,
  createTestContact,
  insertHook,
  type Receiver,
  startReceiver,
} from "../delivery.test-support";
import { DeliveryEngine } from "./delivery.engine";

let database: TestDatabase;
let engine: DeliveryEngine;
const receivers: Receiver[] = [];

overrideConfig({ HOOKLINE_ALLOWED_TARGETS: "127.0.0.0/8" });

beforeAll(async () => {
  database = await createTestDatabase();
  // 8 slots, of which one slow hook may take 6: more than half.
  engine = new DeliveryEngine(database, {
    pollMs: database.kind === "postgres" ? 2_000 : 250,
    leaseMs: 10_000,
    // No send reaches its deadline here: the slow receivers' answers wait on the test's gate, and
    // a send cut off would free its slot and prove nothing.
    timeoutMs: 60_000,
    concurrency: 8,
    perHook: 6,
  });
  await engine.start();
});

afterAll(async () => {
  await engine?.stop();
  await Promise.all(receivers.map((r) => r.close()));
  await database?.close();
});

describe("a busy delivery engine", () => {
  it("still sends another hook's new event promptly while slow receivers hold most of its slots", async () => {
    // The slow receiver answers nothing until the new event is sent: it went out while they held
    // six of the eight slots, not once they freed one, however slow the machine.
    const gate = answerGate();
    const slow = await startReceiver(gate.respond);
    const fast = await startReceiver();
    receivers.push(slow, fast);
    await insertHook(database.db, { target: slow.url, events: ["contact.tag_added"] });
    await insertHook(database.db, { target: fast.url, events: ["contact.created"] });
    const contact = await createTestContact(database.db);
    await fast.waitForCount(1, 5_000);
    await sql`
      insert into events (id, type, source, actor, contact_id, payload)
      select 'evt_busy' || lpad(g::text, 6, '0'), 'contact.tag_added', 'system', 'test', ${contact.id}, '{}'::jsonb
      from generate_series(1, 20) g
    `.execute(database.db);
    // Six of the eight slots now wait on the slow receiver.
    await slow.waitForCount(6, 5_000);

    await createTestContact(database.db);
    try {
      // PostgreSQL's NOTIFY wakes the loop; PGlite polls.
      await fast.waitForCount(2, 10_000);
    } finally {
      gate.open();
    }
    expect(slow.requests).toHaveLength(6);
  });

  it("sends a new event within a second or so when slow receivers have held every slot for over one", {
    timeout: 30_000,
  }, async () => {
    // The slow receivers answer nothing until the new event is sent: it went out while they held
    // every slot, however slow the machine.
    const gate = answerGate();
    const slower = await startReceiver(gate.respond);
    const fast = await startReceiver();
    receivers.push(slower, fast);
    // Two hooks of six slots each on eight: the slow receivers can hold them all.
    await insertHook(database.db, { target: slower.url, events: ["contact.tag_removed"] });
    await insertHook(database.db, { target: slower.url, events: ["contact.tag_removed"] });
    await insertHook(database.db, { target: fast.url, events: ["contact.subscribed"] });
    const contact = await createTestContact(database.db);
    await sql`
      insert into events (id, type, source, actor, contact_id, payload)
      select 'evt_full' || lpad(g::text, 6, '0'), 'contact.tag_removed', 'system', 'test', ${contact.id}, '{}'::jsonb
      from generate_series(1, 10) g
    `.execute(database.db);
    await slower.waitForCount(8, 5_000);
    // Out for over a second: long sends now.
    await new Promise((resolve) => setTimeout(resolve, 1_200));

    await sql`
      insert into events (id, type, source, actor, contact_id, payload)
      values ('evt_full_fast', 'contact.subscribed', 'system', 'test', ${contact.id}, '{}'::jsonb)
    `.execute(database.db);
    await sql`select pg_notify('hookline_events', '')`.execute(database.db);
    // Sent though no slow answer freed a slot: sends out for over a second no longer count against
    // the engine's concurrency. (Slow sends taken meanwhile may fill the slots again for up to that
    // second.)
    try {
      await fast.waitForCount(1, 10_000);
    } finally {
      gate.open();
    }
  });
});
