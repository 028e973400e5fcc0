// What the admin UI says about pending deliveries: on the wire, queued behind an earlier one of an
// ordered hook, or simply due — checked against deliveries made and claimed by the engine's own SQL.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestContact, insertHook } from "@/server/delivery/delivery.test-support";
import { claimDeliveries } from "@/server/delivery/engine/claim.queries";
import { fanOutEvents } from "@/server/delivery/engine/fan-out.queries";
import type { Actor } from "@/server/events/actor";
import { createTestDatabase, type TestDatabase } from "@/server/testing/test-database";
import { listDeliveryHistory } from "./delivery.history";
import { withPendingStates } from "./delivery.pending-state";

let database: TestDatabase;
const actor: Actor = { source: "admin", userId: "usr_test", email: "admin@example.com" };

beforeAll(async () => {
  database = await createTestDatabase();
});

afterAll(async () => {
  await database?.close();
});

describe("withPendingStates", () => {
  it("tells a delivery on the wire, an ordered hook's queue behind its head, and plain due ones", async () => {
    const ordered = await insertHook(database.db, { target: "http://127.0.0.1:9/ordered", ordered: true });
    const unordered = await insertHook(database.db, { target: "http://127.0.0.1:9/unordered" });
    for (let i = 0; i < 3; i++) await createTestContact(database.db);
    await fanOutEvents(database.db, 10);
    // The claim takes the ordered hook's head (sequence 1) only, and one of the unordered hook's.
    const claimed = await claimDeliveries(database.db, {
      limit: 2,
      leaseId: "lease-a",
      leaseMs: 60_000,
      perHook: 1,
    });
    expect(claimed.map((d) => [d.hookId, d.sequence]).sort()).toEqual(
      [
        [ordered.id, 1],
        [unordered.id, expect.any(Number)],
      ].sort(),
    );

    const orderedHistory = await listDeliveryHistory(database.db, {
      actor,
      query: { hookId: ordered.id, limit: 25 },
    });
    const bySequence = new Map(orderedHistory.data.map((row) => [row.sequence, row.queue]));
    expect(bySequence.get(1)).toEqual({ sending: true, waits_for: null });
    const head = { id: orderedHistory.data.find((row) => row.sequence === 1)?.id, sequence: 1 };
    expect(bySequence.get(2)).toEqual({ sending: false, waits_for: head });
    expect(bySequence.get(3)).toEqual({ sending: false, waits_for: head });

    const unorderedHistory = await listDeliveryHistory(database.db, {
      actor,
      query: { hookId: unordered.id, limit: 25 },
    });
    const states = unorderedHistory.data.map((row) => row.queue);
    expect(states.filter((state) => state.sending)).toHaveLength(1);
    expect(states.every((state) => state.waits_for === null)).toBe(true);
  });

  it("says nothing about deliveries that are not pending", async () => {
    const states = await withPendingStates(database.db, [
      { id: "msg_a", sequence: 5, status: "delivered" },
      { id: "msg_b", sequence: 6, status: "failed" },
    ]);
    expect(states.map((delivery) => delivery.queue)).toEqual([
      { sending: false, waits_for: null },
      { sending: false, waits_for: null },
    ]);
  });
});
