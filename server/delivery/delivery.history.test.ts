// The admin UI's delivery lists over a real database: a hook's history (keyset pages, filters by
// status and event type, the bounded scan window) and the one scope rule, derived from the actor.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/server/events/actor";
import { newId } from "@/server/lib/ids";
import { createTestDatabase, type TestDatabase } from "@/server/testing/test-database";
import { listDeliveryHistory, listEventDeliveries } from "./delivery.history";

let database: TestDatabase;
const actor: Actor = { source: "admin", userId: "usr_test", email: "admin@example.com" };
const minutesAgo = (n: number) => new Date(Date.now() - n * 60_000);

async function insertHook(id: string, apiKeyId: string | null = null) {
  await database.db
    .insertInto("hooks")
    .values({
      id,
      target_url: `https://example.org/${id}`,
      events: ["*"],
      status: "active",
      secret: "whsec_x",
      api_key_id: apiKeyId,
      created_at: minutesAgo(600),
      updated_at: minutesAgo(600),
    })
    .execute();
}

beforeAll(async () => {
  database = await createTestDatabase();
  await database.db
    .insertInto("api_keys")
    .values([
      { id: "key_one", name: "One", hash: "hash-one", prefix: "one" },
      { id: "key_two", name: "Two", hash: "hash-two", prefix: "two" },
    ])
    .execute();
  await insertHook("hook_b");
  await insertHook("hook_k1", "key_one");
  await insertHook("hook_k2", "key_two");
});
afterAll(async () => {
  await database.close();
});

describe("delivery history", () => {
  it("pages newest first and filters by status and event type", async () => {
    const types = [
      "contact.created",
      "contact.updated",
      "contact.updated",
      "contact.deleted",
      "contact.updated",
    ];
    const ids: string[] = [];
    for (const [index, type] of types.entries()) {
      const eventId = newId("evt");
      await database.db
        .insertInto("events")
        .values({ id: eventId, type, source: "api", actor: "k", payload: "{}", created_at: minutesAgo(10) })
        .execute();
      const id = newId("msg");
      ids.push(id);
      await database.db
        .insertInto("deliveries")
        .values({
          id,
          hook_id: "hook_b",
          event_id: eventId,
          sequence: index + 1,
          status: index === 0 ? "failed" : "delivered",
        })
        .execute();
    }
    const first = await listDeliveryHistory(database.db, { actor, query: { hookId: "hook_b", limit: 2 } });
    expect(first.data.map((d) => d.id)).toEqual([ids[4], ids[3]]);
    const second = await listDeliveryHistory(database.db, {
      actor,
      query: {
        hookId: "hook_b",
        limit: 2,
        cursor: first.next_cursor,
      },
    });
    expect(second.data.map((d) => d.id)).toEqual([ids[2], ids[1]]);

    const updated = await listDeliveryHistory(database.db, {
      actor,
      query: {
        hookId: "hook_b",
        eventType: "contact.updated",
        limit: 25,
      },
    });
    expect(updated.data.map((d) => d.id)).toEqual([ids[4], ids[2], ids[1]]);
    expect(updated).toMatchObject({ next_cursor: null, partial: false });

    const failed = await listDeliveryHistory(database.db, {
      actor,
      query: { hookId: "hook_b", status: "failed", limit: 25 },
    });
    expect(failed.data.map((d) => [d.id, d.event_type])).toEqual([[ids[0], "contact.created"]]);

    // A small scan window: a page with no match still hands back a cursor to search older ones.
    const windowed = await listDeliveryHistory(database.db, {
      actor,
      query: { hookId: "hook_b", eventType: "contact.created", limit: 25 },
      scanWindow: 2,
    });
    expect(windowed).toMatchObject({ data: [], partial: true });
    const older = await listDeliveryHistory(database.db, {
      actor,
      query: { hookId: "hook_b", eventType: "contact.created", limit: 25, cursor: windowed.next_cursor },
      scanWindow: 2,
    });
    expect(older).toMatchObject({ partial: true });
    const oldest = await listDeliveryHistory(database.db, {
      actor,
      query: { hookId: "hook_b", eventType: "contact.created", limit: 25, cursor: older.next_cursor },
      scanWindow: 2,
    });
    expect(oldest.data.map((d) => d.id)).toEqual([ids[0]]);
    expect(oldest.partial).toBe(false);

    const none = await listDeliveryHistory(database.db, {
      actor,
      query: {
        hookId: "hook_b",
        eventType: "contact.bounced",
        limit: 25,
      },
    });
    expect(none).toEqual({ data: [], next_cursor: null, partial: false });
    await expect(
      listDeliveryHistory(database.db, { actor, query: { hookId: "hook_zz", limit: 25 } }),
    ).rejects.toMatchObject({
      code: "not_found",
    });
  });
});

describe("the one scope rule, derived from the actor", () => {
  it("shows an API key its own hooks' deliveries only; an admin every hook's", async () => {
    const eventId = newId("evt");
    await database.db
      .insertInto("events")
      .values({ id: eventId, type: "contact.created", source: "api", actor: "k", payload: "{}" })
      .execute();
    for (const [n, hookId] of ["hook_k1", "hook_k2"].entries()) {
      await database.db
        .insertInto("deliveries")
        .values({
          id: newId("msg"),
          hook_id: hookId,
          event_id: eventId,
          sequence: n + 1,
          status: "delivered",
        })
        .execute();
    }
    const one: Actor = { source: "api", apiKeyId: "key_one", name: "One" };
    const own = await listDeliveryHistory(database.db, {
      actor: one,
      query: { hookId: "hook_k1", limit: 25 },
    });
    expect(own.data).toHaveLength(1);
    await expect(
      listDeliveryHistory(database.db, { actor: one, query: { hookId: "hook_k2", limit: 25 } }),
    ).rejects.toMatchObject({ code: "not_found" });

    const asKey = await listEventDeliveries(database.db, { actor: one, query: { eventId, limit: 50 } });
    expect(asKey.data.map((d) => d.hook.id)).toEqual(["hook_k1"]);
    const asAdmin = await listEventDeliveries(database.db, { actor, query: { eventId, limit: 50 } });
    expect(asAdmin.data.map((d) => d.hook.id).sort()).toEqual(["hook_k1", "hook_k2"]);

    await expect(
      listDeliveryHistory(database.db, {
        actor: { source: "public" },
        query: { hookId: "hook_k1", limit: 25 },
      }),
    ).rejects.toMatchObject({ code: "forbidden" });
  });
});
