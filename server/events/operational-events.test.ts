// Operational events end to end: each way a hook stops (or starts again) and a delivery that gives
// up, recorded with the change and delivered by the real engine to real loopback receivers —
// to the owning key's hooks and admins' hooks only, never chaining.
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiKey, revokeApiKey } from "@/server/auth/api-key.service";
import { pingHook } from "@/server/delivery/delivery.service";
import {
  answer500,
  createTestContact,
  insertHook,
  type ReceivedRequest,
  type Receiver,
  type Responder,
  startEngineBed,
  verifyRequest,
  waitFor,
} from "@/server/delivery/delivery.test-support";
import { deleteHook, updateHook } from "@/server/hooks/hook.service";
import type { TestDatabase } from "@/server/testing/test-database";
import { OPERATIONAL_EVENT_TYPES } from "@/shared/event.catalogue";
import type { Actor } from "./actor";

let bed: Awaited<ReturnType<typeof startEngineBed>>;
let database: TestDatabase;
const admin: Actor = { source: "admin", userId: "usr_test", email: "admin@example.com" };
let keyOne: Actor & { source: "api" };
let keyTwo: Actor & { source: "api" };

/** Listeners: key one's hook, key two's hook, an admin's hook, and key one's "*" hook. */
let ofKeyOne: { receiver: Receiver; secret: string };
let ofKeyTwo: Receiver;
let ofAdmin: Receiver;
let everyContactEvent: Receiver;

const receiver = (respond?: Responder) => bed.receiver(respond);
const failing = () => bed.receiver(answer500);

/** What a listener heard about one hook, in order. */
function about(listener: Receiver, hookId: string): ReceivedRequest[] {
  return listener.requests.filter((request) => {
    const data = request.json.data as { hook?: { id?: string } } | undefined;
    return data?.hook?.id === hookId;
  });
}

async function heard(listener: Receiver, hookId: string, count: number): Promise<ReceivedRequest[]> {
  return waitFor(
    async () => {
      const found = about(listener, hookId);
      return found.length >= count ? found : undefined;
    },
    15_000,
    `${count} operational events about ${hookId}`,
  );
}

/** Long enough for a delivery that should not happen to have happened. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 600));

async function keyHook(owner: Actor & { source: "api" }, values: Parameters<typeof insertHook>[1]) {
  return insertHook(database.db, { ...values, apiKeyId: owner.apiKeyId });
}

beforeAll(async () => {
  process.env.HOOKLINE_ALLOWED_TARGETS = "127.0.0.0/8";
  process.env.HOOKLINE_RETRY_SCHEDULE = "0.1,0.1,0.1";
  bed = await startEngineBed();
  database = bed.database;
  for (const name of ["one", "two"]) {
    const { apiKey } = await createApiKey(database.db, { name: `key ${name}`, createdBy: null });
    const actor = { source: "api" as const, apiKeyId: apiKey.id, name: apiKey.name };
    if (name === "one") keyOne = actor;
    else keyTwo = actor;
  }
  const operational = [...OPERATIONAL_EVENT_TYPES];
  const one = await receiver();
  ofKeyOne = {
    receiver: one,
    secret: (await keyHook(keyOne, { target: one.url, events: operational })).secret,
  };
  ofKeyTwo = await receiver();
  await keyHook(keyTwo, { target: ofKeyTwo.url, events: operational });
  ofAdmin = await receiver();
  await insertHook(database.db, { target: ofAdmin.url, events: operational });
  everyContactEvent = await receiver();
  await keyHook(keyOne, { target: everyContactEvent.url, events: ["*"] });
});

afterAll(async () => {
  await bed?.close();
});

describe("operational events", () => {
  it("tells the owning key's hooks and admins' hooks that a hook was disabled, enabled and deleted", async () => {
    const target = await receiver();
    const hook = await keyHook(keyOne, { target: target.url, events: ["contact.bounced"] });
    // Its target confirmed intent, so turning it back on makes it active (not pending).
    await database.db
      .updateTable("hooks")
      .set({ verified_at: new Date() })
      .where("id", "=", hook.id)
      .execute();

    await updateHook(database.db, { actor: keyOne, id: hook.id, input: { status: "disabled" } });
    await updateHook(database.db, { actor: admin, id: hook.id, input: { status: "active" } });
    await deleteHook(database.db, { actor: admin, id: hook.id });

    const [disabled, enabled, deleted] = await heard(ofKeyOne.receiver, hook.id, 3);
    for (const request of [disabled, enabled, deleted])
      verifyRequest(request as ReceivedRequest, ofKeyOne.secret);
    expect(disabled?.json).toMatchObject({
      type: "hook.disabled",
      source: "system",
      initiated_by: "key one",
      data: {
        hook: { id: hook.id, target: target.url, status: "disabled", api_key_id: keyOne.apiKeyId },
        reason: "api",
      },
    });
    expect(disabled?.headers["x-hook-event"]).toBe("hook.disabled");
    expect(enabled?.json).toMatchObject({
      type: "hook.enabled",
      initiated_by: "admin@example.com",
      data: { hook: { id: hook.id, status: "active" } },
    });
    expect(deleted?.json).toMatchObject({
      type: "hook.deleted",
      data: { hook: { id: hook.id, events: ["contact.bounced"] }, reason: "deleted" },
    });
    // An admin's hook hears of every key's hooks; another key's, and "*", hear nothing of them.
    await heard(ofAdmin, hook.id, 3);
    await settle();
    expect(about(ofKeyTwo, hook.id)).toEqual([]);
    expect(about(everyContactEvent, hook.id)).toEqual([]);
  });

  it("says why: 410 disables (or deletes), a revoked key disables", async () => {
    const gone = await receiver((_, res) => {
      res.statusCode = 410;
      res.end();
    });
    const disableOnGone = await keyHook(keyTwo, {
      target: gone.url,
      events: ["contact.created"],
      onGone: "disable",
    });
    const deleteOnGone = await keyHook(keyTwo, {
      target: gone.url,
      events: ["contact.created"],
      onGone: "delete",
    });
    await createTestContact(database.db);
    const [disabled] = await heard(ofKeyTwo, disableOnGone.id, 1);
    expect(disabled?.json).toMatchObject({
      type: "hook.disabled",
      initiated_by: "its receiver (410 Gone)",
      data: { reason: "gone", hook: { status: "disabled" } },
    });
    const [deleted] = await heard(ofKeyTwo, deleteOnGone.id, 1);
    expect(deleted?.json).toMatchObject({ type: "hook.deleted", data: { reason: "gone" } });

    const { apiKey } = await createApiKey(database.db, { name: "short-lived", createdBy: null });
    const ofRevoked = await insertHook(database.db, {
      target: gone.url,
      events: ["contact.deleted"],
      apiKeyId: apiKey.id,
    });
    await revokeApiKey(database.db, { id: apiKey.id, actor: admin });
    const [revoked] = await heard(ofAdmin, ofRevoked.id, 1);
    expect(revoked?.json).toMatchObject({
      type: "hook.disabled",
      initiated_by: "admin@example.com",
      data: { reason: "key_revoked", hook: { id: ofRevoked.id, status: "disabled" } },
    });
    await settle();
    expect(about(ofKeyOne.receiver, disableOnGone.id)).toEqual([]);
  });

  it("disables a hook that has failed for five days, with reason failing, in the result write", async () => {
    const hook = await keyHook(keyOne, { target: (await failing()).url, events: ["contact.tag_added"] });
    // Failing since six days ago: the next failure is past the five-day line.
    await database.db
      .updateTable("hooks")
      .set({ failing_since: sql<Date>`now() - interval '6 days'`, consecutive_failures: 40 })
      .where("id", "=", hook.id)
      .execute();
    await pingHook(database.db, { actor: admin, hookId: hook.id });
    const [disabled] = await heard(ofKeyOne.receiver, hook.id, 1);
    expect(disabled?.json).toMatchObject({
      type: "hook.disabled",
      initiated_by: "delivery engine",
      data: { reason: "failing", hook: { id: hook.id, status: "disabled" } },
    });
    const row = await database.db
      .selectFrom("hooks")
      .select(["status", "disabled_reason"])
      .where("id", "=", hook.id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ status: "disabled", disabled_reason: "failing" });
  });

  it("raises delivery.exhausted when a delivery gives up, but never about a delivery.exhausted", async () => {
    // An admin's hook that hears of every exhaustion, and fails them all: its deliveries of
    // delivery.exhausted give up too, and must raise nothing more.
    const sink = await failing();
    const sinkHook = await insertHook(database.db, { target: sink.url, events: ["delivery.exhausted"] });
    const hook = await keyHook(keyOne, { target: (await failing()).url, events: ["contact.created"] });
    const { delivery_id } = await pingHook(database.db, { actor: admin, hookId: hook.id });

    const [exhausted] = await heard(ofKeyOne.receiver, hook.id, 1);
    expect(exhausted?.json).toMatchObject({
      type: "delivery.exhausted",
      source: "system",
      initiated_by: "delivery engine",
      data: {
        delivery: { id: delivery_id, event_type: "hook.ping", attempt_count: 4, last_status_code: 500 },
        hook: { id: hook.id, status: "active" },
      },
    });
    // The sink tried 4 times and gave up on that event...
    await sink.waitForCount(4);
    await waitFor(
      async () => {
        const rows = await database.db
          .selectFrom("deliveries")
          .select("status")
          .where("hook_id", "=", sinkHook.id)
          .execute();
        return rows.length > 0 && rows.every((row) => row.status === "failed");
      },
      10_000,
      "the sink's deliveries to give up",
    );
    await settle();
    // ...and no event says so: exhaustion stops at delivery.exhausted.
    const chained = await database.db
      .selectFrom("events")
      .select("id")
      .where("type", "=", "delivery.exhausted")
      .where(sql<boolean>`payload->'delivery'->>'event_type' = 'delivery.exhausted'`)
      .execute();
    expect(chained).toEqual([]);
    expect(about(ofKeyOne.receiver, sinkHook.id)).toEqual([]);
    expect(about(ofAdmin, hook.id).map((request) => request.json.type)).toEqual(["delivery.exhausted"]);
  });

  it("records nothing when a change is refused: another key's hook is not found, and no event says otherwise", async () => {
    const hook = await keyHook(keyOne, { target: ofKeyOne.receiver.url, events: ["contact.bounced"] });
    const before = await database.db
      .selectFrom("events")
      .select(sql<number>`count(*)::int`.as("n"))
      .executeTakeFirstOrThrow();
    await expect(deleteHook(database.db, { actor: keyTwo, id: hook.id })).rejects.toThrow(
      /No hook with that id/,
    );
    await expect(
      updateHook(database.db, { actor: keyTwo, id: hook.id, input: { status: "disabled" } }),
    ).rejects.toThrow(/No hook with that id/);
    const after = await database.db
      .selectFrom("events")
      .select(sql<number>`count(*)::int`.as("n"))
      .executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
  });
});
