// LISTEN on both databases: a NOTIFY reaches the callback, and on PGlite — one session shared by
// every caller in the process — a LISTEN started during another caller's transaction survives that
// transaction's rollback (PGlite's own listen() ran inside it and was undone with it).
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/server/testing/test-database";

let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase();
});

afterAll(async () => {
  await database?.close();
});

async function heardWithin(heard: string[], count: number, ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  while (heard.length < count && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
}

describe("listen", () => {
  it("hears NOTIFYs on its channel only, and nothing once it stops", async () => {
    const listen = database.listen;
    if (!listen) throw new Error("both databases can LISTEN");
    const heard: string[] = [];
    const unlisten = await listen("test_plain", (payload) => heard.push(payload));
    await sql`select pg_notify('test_other', 'no'), pg_notify('test_plain', 'yes')`.execute(database.db);
    await heardWithin(heard, 1, 2_000);
    expect(heard).toEqual(["yes"]);
    await unlisten();
    await sql`select pg_notify('test_plain', 'after')`.execute(database.db);
    await new Promise((r) => setTimeout(r, 100));
    expect(heard).toEqual(["yes"]);
  });

  it("keeps listening when it started during another caller's transaction that rolled back", async () => {
    const listen = database.listen;
    if (!listen) throw new Error("both databases can LISTEN");
    const heard: string[] = [];
    let listening: ReturnType<typeof listen> | undefined;
    await database.db
      .transaction()
      .execute(async (trx) => {
        await sql`select 1`.execute(trx);
        listening = listen("test_rollback", (payload) => heard.push(payload));
        // Time for a LISTEN that doesn't wait its turn to run inside this transaction.
        await new Promise((r) => setTimeout(r, 50));
        throw new Error("roll back");
      })
      .catch(() => {});
    const unlisten = await (listening as ReturnType<typeof listen>);
    await sql`select pg_notify('test_rollback', 'still here')`.execute(database.db);
    await heardWithin(heard, 1, 2_000);
    expect(heard).toEqual(["still here"]);
    await unlisten();
  });

  it("keeps a second listener on a channel hearing when the first stops (a re-listen)", async () => {
    const listen = database.listen;
    if (!listen) throw new Error("both databases can LISTEN");
    const heard: string[] = [];
    const first = await listen("test_relisten", () => {});
    const second = await listen("test_relisten", (payload) => heard.push(payload));
    await first();
    await sql`select pg_notify('test_relisten', 'to the second')`.execute(database.db);
    await heardWithin(heard, 1, 2_000);
    expect(heard).toEqual(["to the second"]);
    await second();
  });
});
