// The heartbeat against a real database: it renews a lease about to run out, leaves alone one that
// has time, and lets go of one that another worker took over.
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/server/testing/test-database";
import { leaseNewDeliveries } from "../delivery.test-support";
import { LeaseKeeper } from "./lease-keeper";

let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase();
});

afterAll(async () => {
  await database?.close();
});

async function secondsLeft(id: string): Promise<number> {
  const row = await sql<{ left: number }>`
    select extract(epoch from lease_expires_at - now())::float8 as left from deliveries where id = ${id}
  `.execute(database.db);
  return row.rows[0]?.left ?? Number.NaN;
}

describe("lease keeper", () => {
  it("renews only the leases that run out within half a lease", async () => {
    const [soon, later] = await leaseNewDeliveries(database.db, 2, { type: "contact.deleted" });
    if (!soon || !later) throw new Error("no deliveries");
    const keeper = new LeaseKeeper(database.db, 60_000);
    try {
      // Taken 50 s ago by this process's clock: 10 s left, under half a lease.
      keeper.hold(soon.id, soon.leaseId, performance.now() - 50_000);
      keeper.hold(later.id, later.leaseId, performance.now());
      await keeper.heartbeat();
      expect(keeper.stats.renewed).toBe(1);
      expect(keeper.holds(soon.id, soon.leaseId)).toBe(true);
      expect(await secondsLeft(soon.id)).toBeGreaterThan(55);
    } finally {
      keeper.stop();
    }
  });

  it("lets go of a lease that is no longer its own", async () => {
    const [delivery] = await leaseNewDeliveries(database.db, 1, { type: "contact.deleted" });
    if (!delivery) throw new Error("no delivery");
    await database.db
      .updateTable("deliveries")
      .set({ lease_id: "someone_else" })
      .where("id", "=", delivery.id)
      .execute();
    const keeper = new LeaseKeeper(database.db, 60_000);
    try {
      keeper.hold(delivery.id, delivery.leaseId, performance.now() - 50_000);
      await keeper.heartbeat();
      expect(keeper.stats.renewed).toBe(0);
      expect(keeper.holds(delivery.id, delivery.leaseId)).toBe(false);
    } finally {
      keeper.stop();
    }
  });

  it("forgets a written lease, but not a newer lease on the same delivery", () => {
    const keeper = new LeaseKeeper(database.db, 10_000);
    keeper.hold("msg_1", "lease_new", performance.now());
    keeper.forget("msg_1", "lease_old");
    expect(keeper.holds("msg_1", "lease_new")).toBe(true);
    keeper.forget("msg_1", "lease_new");
    expect(keeper.holds("msg_1", "lease_new")).toBe(false);
    keeper.stop();
  });
});
