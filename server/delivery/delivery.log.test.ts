// The delivery log across hooks over a real database: each filter, keyset pages, the bounded scan
// window, the scope derived from the actor, and the bulk redelivery of failures — counted first,
// checked again when it runs, audited, and refused (changing nothing) for bad input.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DeliveryStatus } from "@/db/schema";
import type { Actor } from "@/server/events/actor";
import { newId } from "@/server/lib/ids";
import { createAdminCaller } from "@/server/testing/admin-caller";
import { createTestDatabase, type TestDatabase } from "@/server/testing/test-database";
import {
  countFailedMatching,
  type DeliveryLogFilter,
  deliveryLogInput,
  listDeliveryLog,
  redeliverFailedMatching,
} from "./delivery.log";

let database: TestDatabase;
const admin: Actor = { source: "admin", userId: "usr_test", email: "admin@example.com" };
const keyOne: Actor = { source: "api", apiKeyId: "key_one", name: "One" };
const base = Date.parse("2026-11-20T12:00:00.000Z");
const at = (minutes: number) => base + minutes * 60_000;

/** Deliveries by name: [hook, event type, contact, status, minute]. */
const PLAN: Array<[string, string, string | null, DeliveryStatus, number]> = [
  ["hook_a", "contact.created", "ctc_ada", "delivered", 0],
  ["hook_a", "contact.updated", "ctc_ada", "failed", 1],
  ["hook_b", "contact.updated", "ctc_bob", "failed", 2],
  ["hook_b", "contact.deleted", "ctc_bob", "pending", 3],
  ["hook_k", "contact.created", "ctc_cyd", "failed", 4],
  ["hook_a", "contact.bounced", "ctc_cyd", "cancelled", 5],
  ["hook_b", "contact.created", null, "failed", 6],
];
const ids: string[] = [];

async function insertHook(id: string, apiKeyId: string | null) {
  await database.db
    .insertInto("hooks")
    .values({
      id,
      name: `Hook ${id}`,
      target_url: `https://example.org/${id}`,
      events: ["*"],
      status: "active",
      secret: "whsec_x",
      api_key_id: apiKeyId,
    })
    .execute();
}

beforeAll(async () => {
  database = await createTestDatabase();
  await database.db
    .insertInto("api_keys")
    .values({ id: "key_one", name: "One", hash: "hash-one", prefix: "one" })
    .execute();
  await insertHook("hook_a", null);
  await insertHook("hook_b", null);
  await insertHook("hook_k", "key_one");
  // The contacts there now (for filtering by email); the events below are about them.
  await database.db
    .insertInto("contacts")
    .values(
      ["ada", "bob", "cyd"].map((name) => ({
        id: `ctc_${name}`,
        email: `${name}@example.com`,
        status: "subscribed" as const,
        tags: [],
        fields: "{}",
      })),
    )
    .execute();
  for (const [index, [hookId, type, contactId, status, minute]] of PLAN.entries()) {
    // A delivery's id begins with its event's time, as the engine names them (delivery-id.ts).
    const eventId = newId("evt", at(minute));
    await database.db
      .insertInto("events")
      .values({
        id: eventId,
        type,
        source: "api",
        actor: "k",
        // A contact event's payload is the contact as it was: the log shows whose it was by its email.
        payload: JSON.stringify(contactId ? { email: `${contactId.slice(4)}@example.com` } : {}),
        contact_id: contactId,
      })
      .execute();
    const id = newId("msg", at(minute));
    ids.push(id);
    await database.db
      .insertInto("deliveries")
      .values({
        id,
        hook_id: hookId,
        event_id: eventId,
        sequence: index + 1,
        status,
        next_attempt_at: status === "pending" ? new Date(at(60)) : null,
        finished_at: status === "pending" ? null : new Date(at(minute)),
      })
      .execute();
  }
});
afterAll(async () => {
  await database.close();
});

const log = (filter: DeliveryLogFilter = {}, more: { limit?: number; cursor?: string | null } = {}) =>
  listDeliveryLog(database.db, {
    actor: admin,
    query: { filter, limit: more.limit ?? 50, cursor: more.cursor },
  });
const idsOf = (page: { data: Array<{ id: string }> }) => page.data.map((row) => row.id);
/** The planned deliveries matching `keep`, newest first. */
const expected = (keep: (row: (typeof PLAN)[number]) => boolean) =>
  PLAN.flatMap((row, index) => (keep(row) ? [ids[index]] : [])).reverse();

describe("the delivery log", () => {
  it("pages every hook's deliveries newest first, each with its hook and contact", async () => {
    const first = await log({}, { limit: 3 });
    expect(idsOf(first)).toEqual(expected(() => true).slice(0, 3));
    expect(first.data[0]).toMatchObject({
      hook: { id: "hook_b", name: "Hook hook_b", target_url: "https://example.org/hook_b" },
      contact_id: null,
      contact_email: null,
      event_type: "contact.created",
      status: "failed",
    });
    expect(first.data[1]).toMatchObject({ contact_id: "ctc_cyd", contact_email: "cyd@example.com" });
    const second = await log({}, { limit: 3, cursor: first.next_cursor });
    const third = await log({}, { limit: 3, cursor: second.next_cursor });
    expect([...idsOf(first), ...idsOf(second), ...idsOf(third)]).toEqual(expected(() => true));
    expect(third).toMatchObject({ next_cursor: null, partial: false });
  });

  it("filters by status, event type, hook, contact and time range, alone and together", async () => {
    expect(idsOf(await log({ status: "failed" }))).toEqual(expected((row) => row[3] === "failed"));
    expect(idsOf(await log({ eventType: "contact.updated" }))).toEqual(
      expected((row) => row[1] === "contact.updated"),
    );
    expect(idsOf(await log({ hookId: "hook_b" }))).toEqual(expected((row) => row[0] === "hook_b"));
    expect(idsOf(await log({ contactId: "ctc_cyd" }))).toEqual(expected((row) => row[2] === "ctc_cyd"));
    // By the email of a contact there now, in any case; an email no contact has matches nothing.
    expect(idsOf(await log({ contactId: "Cyd@Example.com" }))).toEqual(
      expected((row) => row[2] === "ctc_cyd"),
    );
    expect(idsOf(await log({ contactId: "nobody@example.com" }))).toEqual([]);
    expect(
      await countFailedMatching(database.db, { actor: admin, filter: { contactId: "cyd@example.com" } }),
    ).toMatchObject({ count: 1 });
    const range = { from: new Date(at(2)), to: new Date(at(4)) };
    expect(idsOf(await log(range))).toEqual(expected((row) => row[4] >= 2 && row[4] <= 4));
    expect(idsOf(await log({ status: "failed", hookId: "hook_b", from: new Date(at(3)) }))).toEqual([ids[6]]);
    expect(idsOf(await log({ contactId: "ctc_ada", status: "failed" }))).toEqual([ids[1]]);
    expect(await log({ eventType: "contact.tag_added" })).toEqual({
      data: [],
      next_cursor: null,
      partial: false,
    });
  });

  it("scans a bounded window for unindexed filters and says when older ones may still match", async () => {
    const query = deliveryLogInput.parse({ filter: { eventType: "contact.created" }, limit: 25 });
    const pages = [];
    let cursor: string | null = null;
    do {
      const page = await listDeliveryLog(database.db, {
        actor: admin,
        query: { ...query, cursor },
        scanWindow: 2,
      });
      pages.push(page);
      cursor = page.next_cursor;
    } while (cursor);
    expect(pages.some((page) => page.partial)).toBe(true);
    expect(pages.flatMap(idsOf)).toEqual(expected((row) => row[1] === "contact.created"));
  });

  it("shows an API key its own hooks' deliveries only", async () => {
    const page = await listDeliveryLog(database.db, { actor: keyOne, query: deliveryLogInput.parse({}) });
    expect(idsOf(page)).toEqual(expected((row) => row[0] === "hook_k"));
    const other = await listDeliveryLog(database.db, {
      actor: keyOne,
      query: deliveryLogInput.parse({ filter: { hookId: "hook_a" } }),
    });
    expect(other.data).toEqual([]);
    expect(await countFailedMatching(database.db, { actor: keyOne, filter: {} })).toMatchObject({ count: 1 });
  });

  it("refuses bad input with a clear message", async () => {
    const { caller } = await createAdminCaller(database.db, "log-input@example.com");
    await expect(
      caller.delivery.log({ filter: { from: "2026-11-21T00:00:00Z", to: "2026-11-20T00:00:00Z" } }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST", message: expect.stringMatching(/ends before it starts/) });
    await expect(caller.delivery.log({ filter: { from: "yesterday" } })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: expect.stringMatching(/ISO date and time/),
    });
    await expect(caller.delivery.log({ cursor: "not a cursor" })).rejects.toMatchObject({
      code: "BAD_REQUEST",
    });
    await expect(caller.delivery.log({ filter: { hookId: "h".repeat(65) } })).rejects.toMatchObject({
      code: "BAD_REQUEST",
    });
  });
});

describe("bulk redelivery of failures", () => {
  const statuses = async () =>
    Object.fromEntries(
      (await database.db.selectFrom("deliveries").select(["id", "status"]).execute()).map((row) => [
        row.id,
        row.status,
      ]),
    );

  it("counts first, re-checks the filter when it runs, sends in batches and audits it", async () => {
    const { caller } = await createAdminCaller(database.db, "bulk@example.com");
    const filter = { hookId: "hook_b" };
    expect(await caller.delivery.failedCount({ filter })).toEqual({ count: 2, capped: false, cap: 10_000 });
    expect(await countFailedMatching(database.db, { actor: admin, filter: {}, cap: 2 })).toEqual({
      count: 2,
      capped: true,
      cap: 2,
    });

    // Between the count and the confirmation, one of them was already sent again by hand.
    await database.db
      .updateTable("deliveries")
      .set({ status: "pending" })
      .where("id", "=", ids[2] as string)
      .execute();
    const before = await statuses();
    expect(await caller.delivery.redeliverFailed({ filter })).toEqual({ requeued: 1, capped: false });
    const after = await statuses();
    expect(after[ids[6] as string]).toBe("pending");
    // Nothing the filter did not match moved.
    for (const id of ids.filter((id) => id !== ids[6])) expect(after[id]).toBe(before[id]);
    const requeued = await database.db
      .selectFrom("deliveries")
      .select(["retry_step", "finished_at", "next_attempt_at"])
      .where("id", "=", ids[6] as string)
      .executeTakeFirstOrThrow();
    expect(requeued).toMatchObject({ retry_step: 0, finished_at: null });

    const audit = await database.db
      .selectFrom("audit_log")
      .selectAll()
      .where("kind", "=", "deliveries.redelivered")
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      actor_label: "bulk@example.com",
      object_type: "delivery",
      object_id: "hook_b",
      changes: {
        filter: { before: null, after: { status: "failed", hookId: "hook_b" } },
        redelivered: { before: null, after: 1 },
      },
    });
    expect(await caller.delivery.failedCount({ filter })).toMatchObject({ count: 0 });
  });

  it("sends no more than the cap, and says more remain", async () => {
    const before = await statuses();
    const failed = Object.values(before).filter((status) => status === "failed").length;
    expect(failed).toBeGreaterThan(1);
    expect(await redeliverFailedMatching(database.db, { actor: admin, filter: {}, cap: 1 })).toEqual({
      requeued: 1,
      capped: true,
    });
    const after = await statuses();
    expect(Object.values(after).filter((status) => status === "failed")).toHaveLength(failed - 1);
  });

  it("refuses a filter on another status or a bad one, and changes nothing", async () => {
    const { caller, user } = await createAdminCaller(database.db, "bulk-refused@example.com");
    const before = await statuses();
    expect(await caller.delivery.failedCount({ filter: { status: "delivered" } })).toMatchObject({
      count: 0,
    });
    await expect(caller.delivery.redeliverFailed({ filter: { status: "delivered" } })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: expect.stringMatching(/Only failed deliveries/),
    });
    await expect(
      caller.delivery.redeliverFailed({
        filter: { from: "2026-11-21T00:00:00Z", to: "2026-11-20T00:00:00Z" },
      }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST" });
    expect(await statuses()).toEqual(before);
    const audit = await database.db
      .selectFrom("audit_log")
      .select("id")
      .where("actor_id", "=", user.id)
      .execute();
    expect(audit).toEqual([]);
  });
});
