// The engine's SQL on its own: what the fan-out leases, and how a batch of results is written
// when every lease still holds (one statement) and when one was lost (nothing of it counted).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newId } from "@/server/lib/ids";
import { createTestDatabase, type TestDatabase } from "@/server/testing/test-database";
import { createTestContact, deliveredResult, insertHook } from "../delivery.test-support";
import { deliveryIdFor } from "../delivery-id";
import { claimDeliveries } from "./claim.queries";
import type { ClaimedDelivery } from "./claimed-delivery";
import { fanOutAndClaim } from "./fan-out.queries";
import { recordResults } from "./result.queries";

let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase();
});

afterAll(async () => {
  await database?.close();
});

const lease = (leaseId: string) => ({ limit: 50, leaseId, leaseMs: 60_000, perHook: 8 });

/**
 * New events of a type, awaiting fan-out, made after the hooks just inserted (a hook hears only
 * events made after it).
 */
async function insertEvents(type: string, count = 1): Promise<string[]> {
  const ids = Array.from({ length: count }, () => newId("evt"));
  await database.db
    .insertInto("events")
    .values(ids.map((id) => ({ id, type, source: "admin" as const, actor: "t", payload: "{}" })))
    .execute();
  return ids;
}

async function hookRow(id: string) {
  return database.db
    .selectFrom("hooks")
    .select(["delivered_count", "last_status_code"])
    .where("id", "=", id)
    .executeTakeFirstOrThrow();
}

async function rollupAttempts(hookId: string): Promise<number> {
  const row = await database.db
    .selectFrom("delivery_rollups")
    .select((eb) => eb.fn.coalesce(eb.fn.sum<number>("attempts"), eb.lit(0)).as("n"))
    .where("hook_id", "=", hookId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

describe("fan-out with leases", () => {
  it("leases an unordered hook's new deliveries to the caller, and leaves an ordered hook's to the claim", async () => {
    const unordered = await insertHook(database.db, {
      target: "http://127.0.0.1:9/a",
      events: ["contact.created"],
    });
    const ordered = await insertHook(database.db, {
      target: "http://127.0.0.1:9/b",
      events: ["contact.created"],
      ordered: true,
    });
    await createTestContact(database.db, "lease-1@example.com");

    const pass = await fanOutAndClaim(database.db, 10, lease("lease_a"));
    expect(pass.fanOut).toMatchObject({ acquired: true, events: 1, deliveries: 2, unleased: 1 });
    expect(pass.claimed.map((d) => d.hookId)).toEqual([unordered.id]);
    const [leased] = pass.claimed;
    expect(leased?.event.type).toBe("contact.created");
    expect(leased?.hook.secret).toMatch(/^whsec_/);

    const rows = await database.db
      .selectFrom("deliveries")
      .select(["hook_id", "lease_id", "status"])
      .select((eb) => eb("next_attempt_at", ">", new Date()).as("later"))
      .where("hook_id", "in", [unordered.id, ordered.id])
      .execute();
    expect(rows.find((r) => r.hook_id === unordered.id)).toMatchObject({ lease_id: "lease_a", later: true });
    expect(rows.find((r) => r.hook_id === ordered.id)).toMatchObject({ lease_id: null, later: false });

    // Another worker's claim finds only the ordered hook's delivery: the leased one is not due.
    const other = await claimDeliveries(database.db, lease("lease_b"));
    expect(other.map((d) => d.hookId)).toEqual([ordered.id]);
  });
});

describe("fan-out made again", () => {
  it("names every delivery as before when a crash undid the fan-out that made them", async () => {
    const events = ["contact.subscribed"];
    const unordered = await insertHook(database.db, { target: "http://127.0.0.1:9/h", events });
    const ordered = await insertHook(database.db, { target: "http://127.0.0.1:9/i", events, ordered: true });
    const hookIds = [unordered.id, ordered.id];
    const eventIds = await insertEvents("contact.subscribed", 3);
    const made = () =>
      database.db
        .selectFrom("deliveries")
        .select(["id", "event_id", "hook_id", "sequence"])
        .where("hook_id", "in", hookIds)
        .orderBy("hook_id")
        .orderBy("sequence")
        .execute();

    const first = await fanOutAndClaim(database.db, 10, lease("lease_h"));
    const before = await made();
    expect(before).toHaveLength(6);
    // What went out is named by the rows: the ids the receivers saw.
    const sent = first.claimed.filter((d) => hookIds.includes(d.hookId));
    expect(sent.length).toBeGreaterThan(0);
    for (const d of sent) expect(before.map((row) => row.id)).toContain(d.id);
    for (const row of before) expect(row.id).toBe(deliveryIdFor(row.event_id, row.hook_id));

    // The crash: the fan-out's commit never reached the disk. Its events await fan-out again and
    // the hooks' sequences are as they were.
    await database.db.deleteFrom("deliveries").where("hook_id", "in", hookIds).execute();
    await database.db
      .updateTable("events")
      .set({ fanout_pending: true })
      .where("id", "in", eventIds)
      .execute();
    await database.db.updateTable("hooks").set({ next_sequence: 1 }).where("id", "in", hookIds).execute();

    await fanOutAndClaim(database.db, 10, lease("lease_h2"));
    expect(await made()).toEqual(before);
  });
});

describe("per-hook limit", () => {
  it("counts a hook's live leases, less those whose answers the caller holds unwritten", async () => {
    const hook = await insertHook(database.db, {
      target: "http://127.0.0.1:9/g",
      events: ["contact.unsubscribed"],
    });
    const limited = { ...lease("lease_g"), perHook: 2 };
    // Each pass fans out a new event: one new delivery for the hook each time.
    const fanOut = async (answered?: Record<string, number>) => {
      await insertEvents("contact.unsubscribed");
      const pass = await fanOutAndClaim(database.db, 10, { ...limited, skip: true, answered });
      return pass.claimed.filter((d) => d.hookId === hook.id).length;
    };
    const claim = async (answered?: Record<string, number>) =>
      (await claimDeliveries(database.db, { ...limited, answered })).filter((d) => d.hookId === hook.id)
        .length;

    expect(await fanOut()).toBe(1);
    expect(await fanOut()).toBe(1);
    // Both slots taken: nothing more, unless the caller holds those two answers already.
    expect(await fanOut({ [hook.id]: 2 })).toBe(1);
    expect(await fanOut()).toBe(0); // left unleased and due, for a claim
    expect(await claim()).toBe(0);
    expect(await claim({ [hook.id]: 1 })).toBe(0);
    expect(await claim({ [hook.id]: 3 })).toBe(1);
  });
});

describe("recordResults", () => {
  it("writes a batch whose leases all hold, with its counters and rollups", async () => {
    const hook = await insertHook(database.db, {
      target: "http://127.0.0.1:9/c",
      events: ["contact.updated"],
    });
    await createTestContact(database.db, "write-1@example.com");
    await fanOutAndClaim(database.db, 10, lease("ignored")); // the contact.created event: no hook here
    await insertEvents("contact.updated", 2);
    const { claimed } = await fanOutAndClaim(database.db, 10, lease("lease_c"));
    const mine = claimed.filter((d) => d.hookId === hook.id);
    expect(mine.length).toBeGreaterThan(0);

    const outcome = await recordResults(
      database.db,
      mine.map((d) => deliveredResult(d)),
    );
    expect(outcome.recorded).toBe(mine.length);
    expect(await hookRow(hook.id)).toMatchObject({ delivered_count: mine.length, last_status_code: 200 });
    expect(await rollupAttempts(hook.id)).toBe(mine.length);
    const attempts = await database.db
      .selectFrom("delivery_attempts")
      .select("delivery_id")
      .where(
        "delivery_id",
        "in",
        mine.map((d) => d.id),
      )
      .execute();
    expect(attempts).toHaveLength(mine.length);
  });

  it("counts only what it wrote when a lease was lost to another worker", async () => {
    const hook = await insertHook(database.db, {
      target: "http://127.0.0.1:9/d",
      events: ["contact.deleted"],
    });
    await insertEvents("contact.deleted", 3);
    const { claimed } = await fanOutAndClaim(database.db, 10, lease("lease_d"));
    const mine = claimed.filter((d) => d.hookId === hook.id);
    expect(mine.length).toBeGreaterThanOrEqual(2);
    const [lost, ...kept] = mine as [ClaimedDelivery, ...ClaimedDelivery[]];
    // Its lease ran out and another worker claimed it: its result must not be written or counted.
    await database.db
      .updateTable("deliveries")
      .set({ lease_id: "lease_other" })
      .where("id", "=", lost.id)
      .execute();

    const outcome = await recordResults(
      database.db,
      [lost, ...kept].map((d) => deliveredResult(d)),
    );
    expect(outcome.recorded).toBe(kept.length);
    expect(await hookRow(hook.id)).toMatchObject({ delivered_count: kept.length });
    expect(await rollupAttempts(hook.id)).toBe(kept.length);
    const lostRow = await database.db
      .selectFrom("deliveries")
      .select(["status", "attempt_count", "lease_id"])
      .where("id", "=", lost.id)
      .executeTakeFirstOrThrow();
    expect(lostRow).toEqual({ status: "pending", attempt_count: 0, lease_id: "lease_other" });
    const lostAttempts = await database.db
      .selectFrom("delivery_attempts")
      .select("delivery_id")
      .where("delivery_id", "=", lost.id)
      .execute();
    expect(lostAttempts).toHaveLength(0);

    // A batch in which no lease holds writes nothing at all.
    const none = await recordResults(database.db, [deliveredResult(lost)]);
    expect(none.recorded).toBe(0);
    expect(await hookRow(hook.id)).toMatchObject({ delivered_count: kept.length });
  });
});

describe("recordResults, one delivery twice in a batch", () => {
  it("writes and counts only the result of the delivery's current lease", async () => {
    const hook = await insertHook(database.db, {
      target: "http://127.0.0.1:9/j",
      events: ["contact.tag_removed"],
    });
    await insertEvents("contact.tag_removed");
    const { claimed } = await fanOutAndClaim(database.db, 10, lease("lease_j"));
    const sent = claimed.find((d) => d.hookId === hook.id) as ClaimedDelivery;
    // A crash undid the lease; the delivery was leased again (same id) and sent again before the
    // first send's result could be written: both results wait in one batch.
    await database.db
      .updateTable("deliveries")
      .set({ lease_id: "lease_j2" })
      .where("id", "=", sent.id)
      .execute();

    const outcome = await recordResults(database.db, [
      deliveredResult(sent, "lease_j"),
      deliveredResult(sent, "lease_j2"),
    ]);
    expect(outcome.recorded).toBe(1);
    const row = await database.db
      .selectFrom("deliveries")
      .select(["status", "attempt_count", "lease_id"])
      .where("id", "=", sent.id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ status: "delivered", attempt_count: 1, lease_id: null });
    const attempts = await database.db
      .selectFrom("delivery_attempts")
      .select("number")
      .where("delivery_id", "=", sent.id)
      .execute();
    expect(attempts).toEqual([{ number: 1 }]);
    expect(await hookRow(hook.id)).toMatchObject({ delivered_count: 1 });
    expect(await rollupAttempts(hook.id)).toBe(1);
  });
});

describe("deleting a hook", () => {
  it("takes its deliveries and their attempts with it, and leaves other hooks' history alone", async () => {
    const events = ["contact.bounced"];
    const doomed = await insertHook(database.db, { target: "http://127.0.0.1:9/e", events });
    const kept = await insertHook(database.db, { target: "http://127.0.0.1:9/f", events });
    await insertEvents("contact.bounced", 2);
    const { claimed } = await fanOutAndClaim(database.db, 10, lease("lease_e"));
    const ours = claimed.filter((d) => d.hookId === doomed.id || d.hookId === kept.id);
    expect(new Set(ours.map((d) => d.hookId))).toEqual(new Set([doomed.id, kept.id]));
    await recordResults(
      database.db,
      ours.map((d) => deliveredResult(d)),
    );
    const attemptsOf = async (hookId: string) =>
      (
        await database.db
          .selectFrom("delivery_attempts")
          .innerJoin("deliveries", "deliveries.id", "delivery_attempts.delivery_id")
          .select("delivery_attempts.delivery_id")
          .where("deliveries.hook_id", "=", hookId)
          .execute()
      ).length;
    const keptAttempts = await attemptsOf(kept.id);
    expect(keptAttempts).toBeGreaterThan(0);

    await database.db.deleteFrom("hooks").where("id", "=", doomed.id).execute();

    const doomedIds = ours.filter((d) => d.hookId === doomed.id).map((d) => d.id);
    const left = await database.db
      .selectFrom("delivery_attempts")
      .select("delivery_id")
      .where("delivery_id", "in", doomedIds)
      .execute();
    expect(left).toHaveLength(0);
    const deliveries = await database.db
      .selectFrom("deliveries")
      .select("id")
      .where("hook_id", "=", doomed.id)
      .execute();
    expect(deliveries).toHaveLength(0);
    expect(await attemptsOf(kept.id)).toBe(keptAttempts);
  });
});
