import { sql } from "kysely";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/server/testing/test-database";
import { countPendingDeliveries, PENDING_COUNT_CAP } from "./hook.stats";

let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database.close();
});

async function hookWithDeliveries(id: string, pending: number, delivered: number) {
  await database.db
    .insertInto("hooks")
    .values({
      id,
      target_url: "https://example.org/hook",
      events: ["*"],
      status: "active",
      secret: "whsec_x",
    })
    .execute();
  for (const [status, count] of [
    ["pending", pending],
    ["delivered", delivered],
  ] as const) {
    await sql`insert into deliveries (id, hook_id, event_id, sequence, status, next_attempt_at)
      select ${`msg_${id}_${status}_`} || i, ${id}, 'evt_stats', i, ${status}, now()
      from generate_series(1, ${count}::int) as i`.execute(database.db);
  }
}

it("counts each hook's pending deliveries exactly, up to the cap", async () => {
  await database.db
    .insertInto("events")
    .values({
      id: "evt_stats",
      type: "contact.created",
      source: "api",
      actor: "test",
      contact_id: null,
      payload: "{}",
    })
    .execute();
  await hookWithDeliveries("hook_few", 3, 5);
  await hookWithDeliveries("hook_none", 0, 2);
  await hookWithDeliveries("hook_many", PENDING_COUNT_CAP + 5, 0);

  const counts = await countPendingDeliveries(database.db, [
    "hook_few",
    "hook_none",
    "hook_many",
    "hook_unknown",
  ]);
  expect(Object.fromEntries(counts)).toEqual({ hook_few: 3, hook_many: PENDING_COUNT_CAP });
  expect(await countPendingDeliveries(database.db, [])).toEqual(new Map());
});
