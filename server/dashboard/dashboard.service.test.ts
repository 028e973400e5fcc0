import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recordAttemptRollups, recordEventRollups } from "@/server/delivery/delivery.rollup";
import { newId } from "@/server/lib/ids";
import { createTestDatabase, type TestDatabase } from "@/server/testing/test-database";
import { countQueue } from "./dashboard.queries";
import { getDashboardOverview, getHookActivity, getHookSparklines } from "./dashboard.service";

let database: TestDatabase;
const now = new Date("2026-11-28T10:30:20Z");
const minutesAgo = (n: number) => new Date(now.getTime() - n * 60_000);

async function insertHook(id: string, status: "active" | "disabled" = "active", disabledAt?: Date) {
  await database.db
    .insertInto("hooks")
    .values({
      id,
      target_url: `https://example.org/${id}`,
      events: ["*"],
      status,
      secret: "whsec_x",
      disabled_reason: status === "disabled" ? "failing" : null,
      disabled_at: disabledAt ?? null,
      created_at: minutesAgo(600),
      updated_at: minutesAgo(600),
    })
    .execute();
}

beforeAll(async () => {
  database = await createTestDatabase();
  await insertHook("hook_a");
  await insertHook("hook_b");
  await insertHook("hook_off", "disabled", minutesAgo(5));
  await recordAttemptRollups(database.db, [
    { hookId: "hook_a", at: minutesAgo(1), ok: true, final: true, durationMs: 10 },
    { hookId: "hook_a", at: minutesAgo(1), ok: true, final: true, durationMs: 12 },
    { hookId: "hook_a", at: minutesAgo(2), ok: false, final: false, durationMs: 900 },
    { hookId: "hook_b", at: minutesAgo(2), ok: false, final: true, durationMs: 40 },
    // Outside the last hour, inside the day.
    { hookId: "hook_a", at: minutesAgo(300), ok: true, final: true, durationMs: 10 },
    // Older than a day: in no window.
    { hookId: "hook_a", at: minutesAgo(60 * 30), ok: true, final: true, durationMs: 10 },
  ]);
  await recordEventRollups(database.db, [
    { source: "api", at: minutesAgo(1) },
    { source: "api", at: minutesAgo(90) },
    { source: "admin", at: minutesAgo(3) },
  ]);
});
afterAll(async () => {
  await database.close();
});

describe("dashboard overview", () => {
  it("sums the rollups of the last hour per minute and of the last day", async () => {
    const overview = await getDashboardOverview(database.db, { now });
    expect(overview.last_hour.points).toHaveLength(60);
    expect(overview.last_hour.points.at(-1)?.at).toBe("2026-11-28T10:30:00.000Z");
    expect(overview.last_hour.totals).toMatchObject({
      attempts: 4,
      delivered: 2,
      failed_attempts: 2,
      gave_up: 1,
    });
    const oneMinuteAgo = overview.last_hour.points.find((p) => p.at === "2026-11-28T10:29:00.000Z");
    expect(oneMinuteAgo).toMatchObject({ attempts: 2, delivered: 2 });
    expect(overview.day).toMatchObject({ attempts: 5, delivered: 3, success_rate: 3 / 5 });
    expect(overview.day.p50_ms).toBeGreaterThanOrEqual(10);
    expect(overview.day.p99_ms).toBeGreaterThanOrEqual(700);
    expect(overview.hooks).toEqual({ total: 3, active: 2, pending: 0, disabled: 1 });
    expect(overview.recently_disabled.map((hook) => [hook.id, hook.reason])).toEqual([
      ["hook_off", "failing"],
    ]);
    expect(overview.events_by_source.totals).toEqual({ admin: 1, api: 2, public: 0, system: 0 });
    expect(overview.events_by_source.hourly).toHaveLength(24);
    expect(overview.queue).toEqual({
      due: { count: 0, approximate: false },
      waiting: { count: 0, approximate: false },
      held: { count: 0, approximate: false },
    });
  });

  it("answers zeros and nulls on an empty day", async () => {
    const overview = await getDashboardOverview(database.db, { now: new Date("2020-01-01T00:00:00Z") });
    expect(overview.day).toMatchObject({ attempts: 0, success_rate: null, p50_ms: null, p99_ms: null });
  });
});

describe("queue depth", () => {
  it("counts due and waiting deliveries exactly up to the cap, then estimates", async () => {
    const eventId = newId("evt");
    await database.db
      .insertInto("events")
      .values({ id: eventId, type: "contact.created", source: "api", actor: "k", payload: "{}" })
      .execute();
    const due = [1, 2, 3].map((n) => ({
      id: newId("msg"),
      hook_id: "hook_a",
      event_id: eventId,
      sequence: n,
      status: "pending" as const,
      next_attempt_at: new Date(Date.now() - 1000),
    }));
    const waiting = {
      id: newId("msg"),
      hook_id: "hook_a",
      event_id: eventId,
      sequence: 4,
      status: "pending" as const,
      next_attempt_at: new Date(Date.now() + 600_000),
    };
    await database.db
      .insertInto("deliveries")
      .values([...due, waiting])
      .execute();
    expect(await countQueue(database.db, 10)).toEqual({
      due: { count: 3, approximate: false },
      waiting: { count: 1, approximate: false },
      held: { count: 0, approximate: false },
    });
    const capped = await countQueue(database.db, 2);
    expect(capped.due.approximate).toBe(true);
    expect(capped.due.count).toBeGreaterThanOrEqual(2);
    expect(capped.waiting).toEqual({ count: 1, approximate: false });

    // Ordered, the hook sends sequence 1 first: 2 and 3 are due but held behind it, not sendable.
    await database.db.updateTable("hooks").set({ ordered: true }).where("id", "=", "hook_a").execute();
    expect(await countQueue(database.db, 10)).toEqual({
      due: { count: 1, approximate: false },
      waiting: { count: 1, approximate: false },
      held: { count: 2, approximate: false },
    });
    await database.db.updateTable("hooks").set({ ordered: false }).where("id", "=", "hook_a").execute();
    await database.db.deleteFrom("deliveries").where("status", "=", "pending").execute();
  });
});

describe("hook activity and sparklines", () => {
  it("charts one hook only, zero-filled", async () => {
    const activity = await getHookActivity(database.db, { hookId: "hook_a", range: "24h", now });
    expect(activity.points).toHaveLength(48);
    expect(activity.totals).toMatchObject({ attempts: 4, delivered: 3 });
    await expect(
      getHookActivity(database.db, { hookId: "hook_nope", range: "1h", now }),
    ).rejects.toMatchObject({
      code: "not_found",
    });
  });

  it("gives each hook of a page its 24 hours and success rate", async () => {
    const sparklines = await getHookSparklines(database.db, {
      hookIds: ["hook_a", "hook_b", "hook_off"],
      now,
    });
    expect(sparklines.hook_a).toMatchObject({ attempts: 4, delivered: 3, success_rate: 0.75 });
    expect(sparklines.hook_a?.hourly).toHaveLength(24);
    expect(sparklines.hook_b?.success_rate).toBe(0);
    expect(sparklines.hook_off).toMatchObject({ attempts: 0, success_rate: null });
  });
});
