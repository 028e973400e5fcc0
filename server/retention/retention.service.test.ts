import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { insertHook } from "@/server/delivery/delivery.test-support";
import { deliveryIdFor } from "@/server/delivery/delivery-id";
import { newId } from "@/server/lib/ids";
import { createTestDatabase, type TestDatabase } from "@/server/testing/test-database";
import { pruneHistory } from "./retention.service";

let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase();
});

afterAll(async () => {
  await database?.close();
});

const DAY = 24 * 3600 * 1000;
const now = Date.now();
const daysAgo = (days: number) => new Date(now - days * DAY);

async function event(days: number, fanoutPending = false): Promise<string> {
  const id = newId("evt", daysAgo(days).getTime());
  await database.db
    .insertInto("events")
    .values({
      id,
      type: "contact.updated",
      source: "api",
      actor: "retention-test",
      contact_id: null,
      payload: JSON.stringify({}),
      created_at: daysAgo(days),
      fanout_pending: fanoutPending,
    })
    .execute();
  return id;
}

async function delivery(
  hookId: string,
  eventId: string,
  made: number,
  status: "pending" | "delivered" | "failed",
  finished?: number,
): Promise<string> {
  const id = deliveryIdFor(eventId, hookId);
  await database.db
    .insertInto("deliveries")
    .values({
      id,
      hook_id: hookId,
      event_id: eventId,
      sequence: 1,
      status,
      attempt_count: 1,
      next_attempt_at: status === "pending" ? new Date(now + 60_000) : null,
      created_at: daysAgo(made),
      finished_at: finished === undefined ? null : daysAgo(finished),
    })
    .execute();
  await database.db
    .insertInto("delivery_attempts")
    .values({
      delivery_id: id,
      number: 1,
      started_at: daysAgo(made),
      duration_ms: 3,
      status_code: 200,
      request_headers: JSON.stringify({}),
      request_body: "{}",
    })
    .execute();
  return id;
}

async function exists(table: "events" | "deliveries", id: string): Promise<boolean> {
  const row = await database.db.selectFrom(table).select("id").where("id", "=", id).executeTakeFirst();
  return row !== undefined;
}

describe("pruneHistory", () => {
  it("deletes finished history older than the cutoff, and never pending work or recent history", async () => {
    const hook = await insertHook(database.db, { target: "http://127.0.0.1:9/r", events: ["*"] });
    const oldEvent = await event(40);
    const oldDone = await delivery(hook.id, oldEvent, 40, "delivered", 40);
    const oldFailedEvent = await event(36);
    const oldFailed = await delivery(hook.id, oldFailedEvent, 35, "failed", 34);
    const stillPendingEvent = await event(40);
    const stillPending = await delivery(hook.id, stillPendingEvent, 40, "pending");
    const redeliveredEvent = await event(40);
    const redelivered = await delivery(hook.id, redeliveredEvent, 40, "delivered", 1);
    const recentEvent = await event(5);
    const recent = await delivery(hook.id, recentEvent, 5, "delivered", 5);
    const notFannedOut = await event(40, true);
    await sql`
      insert into delivery_rollups (hook_id, minute, attempts, delivered, failed, latency_sum_ms, latency_buckets)
      values (${hook.id}, ${daysAgo(40)}, 1, 1, 0, 3, '{1}'), (${hook.id}, ${daysAgo(1)}, 1, 1, 0, 3, '{1}')
    `.execute(database.db);
    await sql`
      insert into event_rollups (minute, source, count)
      values (${daysAgo(40)}, 'api', 1), (${daysAgo(1)}, 'api', 1)
    `.execute(database.db);

    await sql`
      insert into hook_deletions (id, target_url, events, delivered_count, failed_count, created_at, reason,
                                  deleted_by, deleted_at)
      values ('hook_old_deletion', 'https://example.com/old', '{*}', 0, 0, ${daysAgo(50)}, 'gone', 'test', ${daysAgo(40)}),
             ('hook_new_deletion', 'https://example.com/new', '{*}', 0, 0, ${daysAgo(50)}, 'gone', 'test', ${daysAgo(1)})
    `.execute(database.db);

    // Audit rows: two from before the cutoff, one from after, and those the fixtures wrote now.
    await sql`
      insert into audit_log (at, actor_type, actor_label, kind, object_type, object_id)
      values (${daysAgo(45)}, 'system', 'test', 'hook.deleted', 'hook', 'hook_a'),
             (${daysAgo(31)}, 'system', 'test', 'hook.deleted', 'hook', 'hook_b'),
             (${daysAgo(29)}, 'system', 'test', 'hook.deleted', 'hook', 'hook_c')
    `.execute(database.db);
    const auditBefore = (await database.db.selectFrom("audit_log").select("object_id").execute()).length;

    // An admin's marks on notifications: one on an event older than the events kept, one recent.
    const reader = newId("usr");
    await database.db
      .insertInto("users")
      .values({ id: reader, email: `reader-${reader}@example.com`, password_hash: "x", role: "admin" })
      .execute();
    await database.db
      .insertInto("notification_reads")
      .values([
        { user_id: reader, event_id: newId("evt", daysAgo(40).getTime()) },
        { user_id: reader, event_id: recentEvent },
      ])
      .execute();

    // Batches of one, so the loops run several times.
    const result = await pruneHistory(database.db, { days: 30, now: new Date(now), batch: 1 });
    expect(result).toEqual({ deliveries: 2, events: 2, rollups: 2, audit: 2 });
    const auditLeft = await database.db.selectFrom("audit_log").select("object_id").execute();
    expect(auditLeft).toHaveLength(auditBefore - 2);
    expect(auditLeft.map((row) => row.object_id)).not.toContain("hook_a");

    expect(await exists("deliveries", oldDone)).toBe(false);
    expect(await exists("deliveries", oldFailed)).toBe(false);
    const attempts = await database.db
      .selectFrom("delivery_attempts")
      .select("delivery_id")
      .where("delivery_id", "in", [oldDone, oldFailed])
      .execute();
    expect(attempts).toHaveLength(0);
    expect(await exists("events", oldEvent)).toBe(false);
    expect(await exists("events", oldFailedEvent)).toBe(false);

    for (const kept of [stillPending, redelivered, recent])
      expect(await exists("deliveries", kept)).toBe(true);
    for (const kept of [stillPendingEvent, redeliveredEvent, recentEvent, notFannedOut]) {
      expect(await exists("events", kept)).toBe(true);
    }
    const rollups = await sql<{ n: number }>`
      select (select count(*) from delivery_rollups where hook_id = ${hook.id})::int
           + (select count(*) from event_rollups where minute < ${daysAgo(30)})::int as n
    `.execute(database.db);
    expect(rollups.rows[0]?.n).toBe(1);
    const deletions = await database.db.selectFrom("hook_deletions").select("id").execute();
    expect(deletions.map((row) => row.id)).toEqual(["hook_new_deletion"]);
    const reads = await database.db.selectFrom("notification_reads").select("event_id").execute();
    expect(reads.map((row) => row.event_id)).toEqual([recentEvent]);

    // A second run finds nothing more to do.
    expect(await pruneHistory(database.db, { days: 30, now: new Date(now) })).toEqual({
      deliveries: 0,
      events: 0,
      rollups: 0,
      audit: 0,
    });
  });
});
