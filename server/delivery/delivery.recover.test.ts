// Sending deliveries again by hand: how many first (the admin confirms a number), then the requeue —
// failed ones since a time, or the ones cancelled when a 410 disabled the hook.
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DeliveryStatus } from "@/db/schema";
import type { Actor } from "@/server/events/actor";
import { createTestDatabase, type TestDatabase } from "@/server/testing/test-database";
import { countRecoverable, recoverDeliveries } from "./delivery.service";
import { insertFinishedDelivery, insertHook } from "./delivery.test-support";

let database: TestDatabase;
const actor: Actor = { source: "admin", userId: "usr_test", email: "admin@example.com" };

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database.close();
});

function insertDelivery(
  hookId: string,
  status: DeliveryStatus,
  finishedSecondsAgo: number,
  sequence: number,
) {
  return insertFinishedDelivery(database.db, { hookId, status, sequence, finishedSecondsAgo });
}

describe("recovering deliveries", () => {
  it("counts what it would send again, then sends exactly those", async () => {
    const hook = await insertHook(database.db, { target: "http://127.0.0.1:9/", onGone: "disable" });
    await database.db
      .updateTable("hooks")
      .set({
        status: "disabled",
        disabled_reason: "gone",
        disabled_at: sql<Date>`now() - interval '1 minute'`,
      })
      .where("id", "=", hook.id)
      .execute();
    const cancelled = [
      await insertDelivery(hook.id, "cancelled", 60, 1),
      await insertDelivery(hook.id, "cancelled", 60, 2),
    ];
    await insertDelivery(hook.id, "failed", 600, 3);
    await insertDelivery(hook.id, "failed", 7200, 4);
    const hourAgo = new Date(Date.now() - 3600_000);
    const disabledAt = new Date(Date.now() - 61_000);

    expect(await countRecoverable(database.db, { actor, hookId: hook.id, since: hourAgo })).toBe(1);
    expect(
      await countRecoverable(database.db, { actor, hookId: hook.id, since: disabledAt, status: "cancelled" }),
    ).toBe(2);
    // Counting changes nothing.
    expect(
      await countRecoverable(database.db, { actor, hookId: hook.id, since: disabledAt, status: "cancelled" }),
    ).toBe(2);

    expect(
      await recoverDeliveries(database.db, {
        actor,
        hookId: hook.id,
        since: disabledAt,
        status: "cancelled",
      }),
    ).toBe(2);
    const rows = await database.db
      .selectFrom("deliveries")
      .select(["id", "status"])
      .where("hook_id", "=", hook.id)
      .orderBy("sequence")
      .execute();
    expect(rows.map((row) => row.status)).toEqual(["pending", "pending", "failed", "failed"]);
    expect(rows.slice(0, 2).map((row) => row.id)).toEqual(cancelled);
    expect(
      await countRecoverable(database.db, { actor, hookId: hook.id, since: disabledAt, status: "cancelled" }),
    ).toBe(0);
  });
});
