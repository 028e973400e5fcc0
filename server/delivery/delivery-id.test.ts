// A delivery's id from its event and hook: the shape of every public id, the event's time first,
// the same in TypeScript (pings) and in the fan-out's SQL, on PostgreSQL and on PGlite alike.
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { firstIdAt, newId } from "@/server/lib/ids";
import { createTestDatabase, type TestDatabase } from "@/server/testing/test-database";
import { deliveryIdFor, deliveryIdSql } from "./delivery-id";

let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase();
});

afterAll(async () => {
  await database?.close();
});

describe("deliveryIdFor", () => {
  it("is msg_, the event's 9 time and 3 last characters, then 11 of a hash, the same every time", () => {
    const eventId = newId("evt");
    const hookId = newId("hook");
    const id = deliveryIdFor(eventId, hookId);
    expect(id).toMatch(/^msg_[0-9A-Za-z]{23}$/);
    expect(id.slice(4, 13)).toBe(eventId.slice(4, 13));
    expect(id.slice(13, 16)).toBe(eventId.slice(-3));
    expect(deliveryIdFor(eventId, hookId)).toBe(id);
  });

  it("differs for every other event or hook", () => {
    const eventId = newId("evt");
    const ids = new Set<string>();
    for (let i = 0; i < 2000; i++) ids.add(deliveryIdFor(eventId, newId("hook")));
    const hookId = newId("hook");
    for (let i = 0; i < 2000; i++) ids.add(deliveryIdFor(newId("evt"), hookId));
    expect(ids.size).toBe(4000);
    // The separator keeps (ab, c) and (a, bc) apart.
    expect(deliveryIdFor("evt_ab", "c")).not.toBe(deliveryIdFor("evt_a", "bc"));
  });

  it("follows a millisecond's events in the order they were made, for each hook", () => {
    // One process's events of one millisecond count up; so do one hook's deliveries of them, and
    // a fan-out's rows go in at the end of the indexes on id rather than all over them.
    const digits = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    const counted = (n: number) => [3844, 62, 1].map((unit) => digits[Math.floor(n / unit) % 62]).join("");
    // As ids.ts makes them within one millisecond: the random part counted up (from 0 here, so
    // that 500 steps never wrap its last three characters).
    const head = `${firstIdAt("evt", Date.UTC(2026, 11, 5, 3))}${"x".repeat(11)}`;
    const events = Array.from({ length: 500 }, (_, n) => `${head}${counted(n)}`);
    const hookId = newId("hook");
    const ids = events.map((eventId) => deliveryIdFor(eventId, hookId));
    expect([...ids].sort()).toEqual(ids);
  });

  it("sorts by its event's time, so ranges of ids are ranges of event time", () => {
    const at = Date.UTC(2026, 10, 28, 12);
    const id = deliveryIdFor(newId("evt", at), newId("hook"));
    expect(id >= firstIdAt("msg", at)).toBe(true);
    expect(id < firstIdAt("msg", at + 1)).toBe(true);
    expect(deliveryIdFor(newId("evt", at - 1), newId("hook")) < id).toBe(true);
  });
});

describe("deliveryIdSql", () => {
  it("makes exactly the ids deliveryIdFor makes", async () => {
    const pairs = [
      ...Array.from({ length: 200 }, () => [newId("evt"), newId("hook")]),
      // Short and odd ids, as tests and imports write them.
      ["evt_1", "hook_1"],
      ["evt_slow000001", "hook_x"],
      [`evt_${"0".repeat(23)}`, `hook_${"z".repeat(23)}`],
    ];
    const rows = await sql<{ e: string; h: string; id: string }>`
      select p.e, p.h, ${deliveryIdSql("p.e", "p.h")} as id
      from jsonb_to_recordset(${JSON.stringify(pairs.map(([e, h]) => ({ e, h })))}::jsonb) as p(e text, h text)
    `.execute(database.db);
    expect(rows.rows).toHaveLength(pairs.length);
    for (const row of rows.rows) expect(row.id).toBe(deliveryIdFor(row.e, row.h));
  });
});
