// The lists' totals (contacts, hooks, events) share one mechanism: an exact count up to a bound,
// the planner's estimate past it. Here on hooks and events, against real rows: the total agrees
// with what the list shows for the same filters, and past the bound it says it is an estimate.
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { insertHook } from "@/server/delivery/delivery.test-support";
import { countEvents, listEvents } from "@/server/events/event.read";
import { countHooksMatching } from "@/server/hooks/hook.queries";
import { countHooksForAdmin, listHooksForAdmin } from "@/server/hooks/hook.service";
import { createTestDatabase, type TestDatabase } from "@/server/testing/test-database";
import { EXACT_COUNT_BOUND } from "./bounded-count";

let database: TestDatabase;
const EVENTS = 300;

beforeAll(async () => {
  database = await createTestDatabase();
  for (let i = 0; i < 12; i++) {
    await insertHook(database.db, {
      target: `http://127.0.0.1:9/${i % 3 === 0 ? "crm" : "sheet"}/${i}`,
      events: i % 2 === 0 ? ["contact.bounced"] : ["contact.created"],
    });
  }
  // Every third event by the API, the rest by an admin; every tenth a bounce.
  await sql`
    insert into events (id, type, source, actor, payload, fanout_pending, created_at)
    select 'evt_' || lpad(i::text, 23, '0'),
           case when i % 10 = 0 then 'contact.bounced' else 'contact.updated' end,
           case when i % 3 = 0 then 'api' else 'admin' end,
           'count test', '{"email":"ada@example.com"}', false, now()
    from generate_series(1, ${EVENTS}) as i`.execute(database.db);
  await sql`analyze events`.execute(database.db);
});

afterAll(async () => {
  await database?.close();
});

describe("list totals", () => {
  it("counts hooks exactly, with the list's own filters", async () => {
    expect(await countHooksForAdmin(database.db, { filter: {} })).toEqual({ count: 12, exact: true });
    const crm = await countHooksForAdmin(database.db, { filter: { q: "/crm/" } });
    const listed = await listHooksForAdmin(database.db, { filter: { q: "/crm/", limit: 100 } });
    expect(crm).toEqual({ count: 4, exact: true });
    expect(listed.data).toHaveLength(4);
    // A `*` hook would hear every event; these hear one each.
    expect(await countHooksForAdmin(database.db, { filter: { event: "contact.bounced" } })).toEqual({
      count: 6,
      exact: true,
    });
    expect(await countHooksForAdmin(database.db, { filter: { status: "disabled" } })).toEqual({
      count: 0,
      exact: true,
    });
    // Past the bound: at least bound + 1, labelled an estimate.
    const estimated = await countHooksMatching(database.db, "all", {}, 5);
    expect(estimated.exact).toBe(false);
    expect(estimated.count).toBeGreaterThanOrEqual(6);
  });

  it("counts events exactly up to the bound, then estimates and says so", async () => {
    expect(EXACT_COUNT_BOUND).toBe(10_000);
    expect(await countEvents(database.db, {})).toEqual({ count: EVENTS, exact: true });
    expect(await countEvents(database.db, { type: "contact.bounced" })).toEqual({ count: 30, exact: true });
    expect(await countEvents(database.db, { type: "contact.bounced", source: "api" })).toEqual({
      count: 10,
      exact: true,
    });
    const page = await listEvents(database.db, { type: "contact.bounced", source: "api", limit: 100 });
    expect(page.data).toHaveLength(10);
    expect(await countEvents(database.db, { contact_id: "ctc_nobody" })).toEqual({ count: 0, exact: true });

    const estimated = await countEvents(database.db, {}, 100);
    expect(estimated.exact).toBe(false);
    // The planner knows the table's size after ANALYZE: about 300, never fewer than were seen.
    expect(estimated.count).toBeGreaterThanOrEqual(101);
    expect(estimated.count).toBeLessThanOrEqual(EVENTS * 2);
    // Exactly at the bound is still exact.
    expect(await countEvents(database.db, {}, EVENTS)).toEqual({ count: EVENTS, exact: true });
  });
});
