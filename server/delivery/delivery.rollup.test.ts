import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/server/testing/test-database";
import {
  ALL_HOOKS,
  aggregateAttempts,
  LATENCY_BUCKETS,
  latencyBucket,
  recordAttemptRollups,
  recordEventRollups,
} from "./delivery.rollup";

let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database.close();
});

const at = (iso: string) => new Date(iso);

function rollupsOf(hookId: string) {
  return database.db
    .selectFrom("delivery_rollups")
    .select(["minute", "attempts", "delivered", "failed", "latency_sum_ms", "latency_buckets"])
    .where("hook_id", "=", hookId)
    .orderBy("minute")
    .execute();
}

describe("latency buckets", () => {
  it("puts each duration under the first bound above it, the slowest in the last bucket", () => {
    expect(latencyBucket(0)).toBe(0);
    expect(latencyBucket(1)).toBe(1);
    expect(latencyBucket(4)).toBe(3); // [3, 5)
    expect(latencyBucket(100)).toBe(12); // [100, 150)
    expect(latencyBucket(29_999)).toBe(LATENCY_BUCKETS - 2);
    expect(latencyBucket(600_000)).toBe(LATENCY_BUCKETS - 1);
    expect(latencyBucket(-5)).toBe(0);
  });

  it("aggregates per hook and minute, and once more for all hooks", () => {
    const rows = aggregateAttempts([
      { hookId: "hook_a", at: at("2026-11-28T10:00:05Z"), ok: true, final: true, durationMs: 12 },
      { hookId: "hook_a", at: at("2026-11-28T10:00:59.999Z"), ok: false, final: false, durationMs: 40 },
      { hookId: "hook_b", at: at("2026-11-28T10:01:00Z"), ok: false, final: true, durationMs: 40 },
    ]);
    const byKey = new Map(rows.map((row) => [`${row.hook_id}@${row.minute}`, row]));
    expect(byKey.size).toBe(4);
    expect(byKey.get("hook_a@2026-11-28T10:00:00.000Z")).toMatchObject({
      attempts: 2,
      delivered: 1,
      failed: 0,
      latency_sum_ms: 52,
    });
    expect(byKey.get(`${ALL_HOOKS}@2026-11-28T10:00:00.000Z`)?.attempts).toBe(2);
    expect(byKey.get(`${ALL_HOOKS}@2026-11-28T10:01:00.000Z`)).toMatchObject({ attempts: 1, failed: 1 });
  });
});

describe("recordAttemptRollups", () => {
  it("upserts one batch in one statement and adds a later batch onto the same rows", async () => {
    const minute = "2026-11-28T11:00:00.000Z";
    await database.db.transaction().execute((trx) =>
      recordAttemptRollups(trx, [
        { hookId: "hook_r1", at: at("2026-11-28T11:00:01Z"), ok: true, final: true, durationMs: 8 },
        { hookId: "hook_r1", at: at("2026-11-28T11:00:02Z"), ok: false, final: false, durationMs: 120 },
        { hookId: "hook_r1", at: at("2026-11-28T11:01:00Z"), ok: true, final: true, durationMs: 3 },
      ]),
    );
    await database.db
      .transaction()
      .execute((trx) =>
        recordAttemptRollups(trx, [
          { hookId: "hook_r1", at: at("2026-11-28T11:00:30Z"), ok: false, final: true, durationMs: 15_000 },
        ]),
      );

    const rows = await rollupsOf("hook_r1");
    expect(rows).toHaveLength(2);
    const first = rows[0];
    expect(first?.minute.toISOString()).toBe(minute);
    expect(first).toMatchObject({ attempts: 3, delivered: 1, failed: 1, latency_sum_ms: 15_128 });
    const buckets = first?.latency_buckets ?? [];
    expect(buckets).toHaveLength(LATENCY_BUCKETS);
    expect(buckets[latencyBucket(8)]).toBe(1);
    expect(buckets[latencyBucket(120)]).toBe(1);
    expect(buckets[latencyBucket(15_000)]).toBe(1);
    expect(buckets.reduce((a, b) => a + b, 0)).toBe(3);
    expect(rows[1]).toMatchObject({ attempts: 1, delivered: 1, failed: 0 });

    const all = await database.db
      .selectFrom("delivery_rollups")
      .select(["attempts", "delivered"])
      .where("hook_id", "=", ALL_HOOKS)
      .where("minute", "=", new Date(minute))
      .executeTakeFirstOrThrow();
    expect(all).toEqual({ attempts: 3, delivered: 1 });
  });

  it("writes nothing when the transaction rolls back, and nothing for an empty batch", async () => {
    await expect(
      database.db.transaction().execute(async (trx) => {
        await recordAttemptRollups(trx, [
          { hookId: "hook_rb", at: at("2026-11-28T12:00:00Z"), ok: true, final: true, durationMs: 1 },
        ]);
        throw new Error("the batch failed");
      }),
    ).rejects.toThrow("the batch failed");
    await recordAttemptRollups(database.db, []);
    expect(await rollupsOf("hook_rb")).toEqual([]);
  });

  it("keeps counts exact when many batches for the same rows commit concurrently", async () => {
    const batches = Array.from({ length: 8 }, (_, b) =>
      Array.from({ length: 50 }, (_, i) => ({
        hookId: i % 2 === 0 ? "hook_c1" : "hook_c2",
        at: at(`2026-11-28T13:0${i % 3}:00Z`),
        ok: (i + b) % 4 !== 0,
        final: true,
        durationMs: i,
      })),
    );
    await Promise.all(
      batches.map((batch) => database.db.transaction().execute((trx) => recordAttemptRollups(trx, batch))),
    );
    const totals = await database.db
      .selectFrom("delivery_rollups")
      .select([
        sql<number>`sum(attempts)::int`.as("attempts"),
        sql<number>`sum(delivered)::int`.as("delivered"),
      ])
      .where("hook_id", "in", ["hook_c1", "hook_c2"])
      .executeTakeFirstOrThrow();
    const expectedDelivered = batches.flat().filter((attempt) => attempt.ok).length;
    expect(totals).toEqual({ attempts: 400, delivered: expectedDelivered });
  });
});

describe("recordEventRollups", () => {
  it("counts events per minute and source, adding onto existing rows", async () => {
    await recordEventRollups(database.db, [
      { source: "api", at: at("2026-11-28T14:00:10Z") },
      { source: "api", at: at("2026-11-28T14:00:50Z") },
      { source: "admin", at: at("2026-11-28T14:00:20Z") },
      { source: "public", at: at("2026-11-28T14:01:00Z") },
    ]);
    await recordEventRollups(database.db, [{ source: "api", at: at("2026-11-28T14:00:59Z") }]);
    const rows = await database.db
      .selectFrom("event_rollups")
      .select(["minute", "source", "count"])
      .where("minute", ">=", new Date("2026-11-28T14:00:00Z"))
      .orderBy("minute")
      .orderBy("source")
      .execute();
    expect(rows.map((row) => [row.minute.toISOString(), row.source, row.count])).toEqual([
      ["2026-11-28T14:00:00.000Z", "admin", 1],
      ["2026-11-28T14:00:00.000Z", "api", 3],
      ["2026-11-28T14:01:00.000Z", "public", 1],
    ]);
  });
});
