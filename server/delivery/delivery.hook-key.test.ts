// Deliveries belong to an existing hook, and go when it goes: what the foreign key used to promise,
// now kept by two statement-level triggers (migration 0013).
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db";
import { newId } from "@/server/lib/ids";
import { createTestDatabase, type TestDatabase } from "@/server/testing/test-database";
import { insertHook } from "./delivery.test-support";

let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase();
});

afterAll(async () => {
  await database?.close();
});

async function insertEvent(db: Db): Promise<string> {
  const id = newId("evt");
  await db
    .insertInto("events")
    .values({ id, type: "contact.updated", source: "api", actor: "test", contact_id: null, payload: "{}" })
    .execute();
  return id;
}

function deliveryRow(hookId: string, eventId: string, sequence: number) {
  return { id: newId("msg"), hook_id: hookId, event_id: eventId, sequence, status: "pending" as const };
}

async function countFor(db: Db, hookId: string): Promise<{ deliveries: number; attempts: number }> {
  const result = await sql<{ deliveries: number; attempts: number }>`
    select (select count(*) from deliveries where hook_id = ${hookId})::int as deliveries,
           (select count(*) from delivery_attempts a join deliveries d on d.id = a.delivery_id
             where d.hook_id = ${hookId})::int as attempts
  `.execute(db);
  return result.rows[0] as { deliveries: number; attempts: number };
}

describe("deliveries and their hook", () => {
  it("refuses a statement naming a hook that does not exist, and writes none of its rows", async () => {
    const { db } = database;
    const hook = await insertHook(db, { target: "https://example.com/a" });
    const eventId = await insertEvent(db);
    const before = await sql<{ n: number }>`select count(*)::int as n from deliveries`.execute(db);

    const attempt = db
      .insertInto("deliveries")
      .values([deliveryRow(hook.id, eventId, 1), deliveryRow("hook_missing", eventId, 1)])
      .execute();

    await expect(attempt).rejects.toMatchObject({ code: "23503" });
    const after = await sql<{ n: number }>`select count(*)::int as n from deliveries`.execute(db);
    expect(after.rows[0]?.n).toBe(before.rows[0]?.n);
  });

  it("deletes a hook's deliveries and their attempts with the hook, and no one else's", async () => {
    const { db } = database;
    const gone = await insertHook(db, { target: "https://example.com/gone" });
    const kept = await insertHook(db, { target: "https://example.com/kept" });
    const eventId = await insertEvent(db);
    const rows = [
      deliveryRow(gone.id, eventId, 1),
      deliveryRow(gone.id, eventId, 2),
      deliveryRow(kept.id, eventId, 1),
    ];
    await db.insertInto("deliveries").values(rows).execute();
    await db
      .insertInto("delivery_attempts")
      .values(
        rows.map((row) => ({
          delivery_id: row.id,
          number: 1,
          started_at: new Date(),
          duration_ms: 3,
          status_code: 200,
          request_headers: JSON.stringify({}),
          request_body: "{}",
        })),
      )
      .execute();

    await db.deleteFrom("hooks").where("id", "=", gone.id).execute();

    expect(await countFor(db, gone.id)).toEqual({ deliveries: 0, attempts: 0 });
    expect(await countFor(db, kept.id)).toEqual({ deliveries: 1, attempts: 1 });
  });

  it.skipIf(!process.env.DATABASE_URL)(
    "makes a hook's deletion wait for a transaction still adding its deliveries, then takes them too",
    async () => {
      const { db } = database;
      const hook = await insertHook(db, { target: "https://example.com/raced" });
      const eventId = await insertEvent(db);
      let deleted = false;
      let deletion: Promise<unknown> | undefined;
      await db.transaction().execute(async (trx) => {
        await trx
          .insertInto("deliveries")
          .values(deliveryRow(hook.id, eventId, 1))
          .execute();
        deletion = db
          .deleteFrom("hooks")
          .where("id", "=", hook.id)
          .execute()
          .then(() => {
            deleted = true;
          });
        await new Promise((resolve) => setTimeout(resolve, 300));
        // The inserting transaction holds the hook: the delete is still waiting.
        expect(deleted).toBe(false);
      });
      await deletion;
      expect(deleted).toBe(true);
      expect(await countFor(db, hook.id)).toEqual({ deliveries: 0, attempts: 0 });
    },
  );
});
