// The write-behind on its own, against a real database: results gather for the flush delay and go
// out in one write, an ordered hook's go out at once, and a lease handed back leaves its delivery
// due with no attempt counted.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/server/testing/test-database";
import { deliveredResult, leaseNewDeliveries, waitFor } from "../delivery.test-support";
import type { ClaimedDelivery } from "./claimed-delivery";
import type { HeldLease } from "./lease.queries";
import type { AttemptResult } from "./result.queries";
import { ResultWriter } from "./result-writer";

let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase();
});

afterAll(async () => {
  await database?.close();
});

/** The deliveries' rows, in the order of `deliveries`. */
async function statuses(deliveries: ClaimedDelivery[]) {
  const rows = await database.db
    .selectFrom("deliveries")
    .select(["id", "status", "attempt_count", "lease_id"])
    .where(
      "id",
      "in",
      deliveries.map((d) => d.id),
    )
    .execute();
  return deliveries.map((d) => rows.find((row) => row.id === d.id));
}

describe("result writer", () => {
  it("gathers results for the flush delay, then writes them in one go and says so", async () => {
    const deliveries = await leaseNewDeliveries(database.db, 3, { type: "contact.created" });
    const written: AttemptResult[][] = [];
    const writer = new ResultWriter(
      database.db,
      { flushDelayMs: 1_000 },
      { written: (batch) => written.push(batch) },
    );
    writer.batching = true;
    for (const delivery of deliveries) writer.addResult(deliveredResult(delivery), false);
    // Answered, not yet written: the per-hook limit must not count them as on the wire.
    expect(writer.answeredByHook()).toEqual({ [deliveries[0]?.hookId ?? ""]: 3 });
    expect((await statuses(deliveries)).map((d) => d?.status)).toEqual(["pending", "pending", "pending"]);

    await waitFor(async () => written.length > 0 || undefined, 5_000);
    expect(written).toHaveLength(1);
    expect(written[0]).toHaveLength(3);
    expect(writer.stats).toMatchObject({ recorded: 3, flushes: 1 });
    expect(writer.answeredByHook()).toEqual({});
    expect(await statuses(deliveries)).toEqual(
      deliveries.map((d) => ({ id: d.id, status: "delivered", attempt_count: 1, lease_id: null })),
    );
  });

  it("writes an ordered hook's result within milliseconds, not after the flush delay", async () => {
    const [delivery] = await leaseNewDeliveries(database.db, 1, { type: "contact.created" });
    if (!delivery) throw new Error("no delivery");
    const urgent: boolean[] = [];
    const writer = new ResultWriter(
      database.db,
      { flushDelayMs: 60_000 },
      { written: (batch, _outcome, isUrgent) => urgent.push(...batch.map(isUrgent)) },
    );
    writer.batching = true;
    const started = performance.now();
    writer.addResult(deliveredResult(delivery), true);
    await waitFor(async () => urgent.length > 0 || undefined, 5_000);
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(urgent).toEqual([true]);
    expect((await statuses([delivery]))[0]?.status).toBe("delivered");
  });

  it("writes each result at once when not batching, and flushAll waits for every write", async () => {
    const deliveries = await leaseNewDeliveries(database.db, 2, { type: "contact.created" });
    const writer = new ResultWriter(database.db, { flushDelayMs: 60_000 });
    for (const delivery of deliveries) writer.addResult(deliveredResult(delivery), false);
    await writer.flushAll();
    expect(writer.stats.recorded).toBe(2);
    expect((await statuses(deliveries)).map((d) => d?.status)).toEqual(["delivered", "delivered"]);
  });

  it("hands a lease back: the delivery is due again, no attempt counted", async () => {
    const [delivery] = await leaseNewDeliveries(database.db, 1, { type: "contact.created" });
    if (!delivery) throw new Error("no delivery");
    const released: HeldLease[] = [];
    const writer = new ResultWriter(
      database.db,
      { flushDelayMs: 60_000 },
      { released: (leases) => released.push(...leases) },
    );
    writer.addRelease({ id: delivery.id, leaseId: delivery.leaseId });
    await writer.flushAll();
    expect(released).toEqual([{ id: delivery.id, leaseId: delivery.leaseId }]);
    expect(writer.stats.released).toBe(1);
    const row = await database.db
      .selectFrom("deliveries")
      .select(["status", "attempt_count", "lease_id"])
      .select((eb) => eb("next_attempt_at", "<=", new Date()).as("due"))
      .where("id", "=", delivery.id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ status: "pending", attempt_count: 0, lease_id: null, due: true });
  });

  it("writes nothing for a lease it no longer holds, and is done with that result all the same", async () => {
    const [delivery] = await leaseNewDeliveries(database.db, 1, { type: "contact.created" });
    if (!delivery) throw new Error("no delivery");
    const written: AttemptResult[] = [];
    const writer = new ResultWriter(
      database.db,
      { flushDelayMs: 60_000 },
      { written: (b) => written.push(...b) },
    );
    writer.addResult({ ...deliveredResult(delivery), leaseId: "lease_someone_else" }, false);
    await writer.flushAll();
    expect(written).toHaveLength(1);
    expect(writer.stats.recorded).toBe(0);
    expect(writer.answeredByHook()).toEqual({});
    expect((await statuses([delivery]))[0]).toMatchObject({ status: "pending", attempt_count: 0 });
  });
});
