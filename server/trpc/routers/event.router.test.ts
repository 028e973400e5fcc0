// The admin UI's event page: one event and where it went, over the engine's own fan-out and claim.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestContact, insertHook } from "@/server/delivery/delivery.test-support";
import { claimDeliveries } from "@/server/delivery/engine/claim.queries";
import { fanOutEvents } from "@/server/delivery/engine/fan-out.queries";
import { createAdminCaller } from "@/server/testing/admin-caller";
import { createTestDatabase, type TestDatabase } from "@/server/testing/test-database";
import { createTrpcContext } from "../init";
import { createCaller } from "../root";

let database: TestDatabase;
let admin: ReturnType<typeof createCaller>;

beforeAll(async () => {
  database = await createTestDatabase();
  admin = (await createAdminCaller(database.db, "events@example.com")).caller;
});

afterAll(async () => {
  await database?.close();
});

describe("event router", () => {
  it("refuses callers who are not signed in", async () => {
    const ctx = await createTrpcContext({
      db: database.db,
      headers: new Headers(),
      secure: false,
      resHeaders: new Headers(),
    });
    await expect(createCaller(ctx).event.get({ eventId: "evt_x" })).rejects.toMatchObject({
      code: "UNAUTHORIZED",
    });
  });

  it("shows an event with the contact as it was, and every hook's delivery of it with its state", async () => {
    const crm = await insertHook(database.db, { target: "http://127.0.0.1:9/crm", ordered: true });
    const sheet = await insertHook(database.db, { target: "http://127.0.0.1:9/sheet" });
    await insertHook(database.db, { target: "http://127.0.0.1:9/tags-only", events: ["contact.tag_added"] });
    const first = await createTestContact(database.db, "first@example.com");
    const second = await createTestContact(database.db, "second@example.com");
    await fanOutEvents(database.db, 10);
    // The ordered hook's first delivery goes on the wire; its second waits behind it.
    await claimDeliveries(database.db, { limit: 1, leaseId: "lease-a", leaseMs: 60_000, perHook: 1 });

    const events = await admin.event.list({ contact_id: second.id });
    const eventId = events.data[0]?.id as string;
    const event = await admin.event.get({ eventId });
    expect(event).toMatchObject({
      id: eventId,
      type: "contact.created",
      contact_id: second.id,
      contact_email: "second@example.com",
      contact_exists: true,
    });
    // As a fat delivery's data has it: the contact's fields in the API's order.
    expect(Object.keys(event.payload).slice(0, 2)).toEqual(["id", "email"]);
    expect(event.payload).toMatchObject({ id: second.id, email: "second@example.com" });

    const crmHead = await database.db
      .selectFrom("deliveries")
      .select("id")
      .where("hook_id", "=", crm.id)
      .where("sequence", "=", 1)
      .executeTakeFirstOrThrow();

    const page = await admin.delivery.forEvent({ eventId });
    expect(page.fanned_out).toBe(true);
    expect(page.next_cursor).toBeNull();
    expect(page.data.map((delivery) => delivery.hook.id).sort()).toEqual([crm.id, sheet.id].sort());
    expect(page.data.find((delivery) => delivery.hook.id === crm.id)).toMatchObject({
      status: "pending",
      sequence: 2,
      attempt_count: 0,
      hook: { id: crm.id, target_url: "http://127.0.0.1:9/crm" },
      // Ordered: it goes out after the hook's first delivery, which is on the wire.
      queue: { sending: false, waits_for: { id: crmHead.id, sequence: 1 } },
    });
    expect(page.data.find((delivery) => delivery.hook.id === sheet.id)?.queue.waits_for).toBeNull();

    // Keyset pages, in fan-out order, and nothing of the first contact's event.
    const one = await admin.delivery.forEvent({ eventId, limit: 1 });
    expect(one.next_cursor).not.toBeNull();
    const two = await admin.delivery.forEvent({ eventId, limit: 1, cursor: one.next_cursor });
    expect(two.next_cursor).toBeNull();
    expect([...one.data, ...two.data].map((delivery) => delivery.id)).toEqual(page.data.map((d) => d.id));
    const firstEvent = (await admin.event.list({ contact_id: first.id })).data[0]?.id as string;
    const firstIds = (await admin.delivery.forEvent({ eventId: firstEvent })).data.map(
      (delivery) => delivery.id,
    );
    expect(firstIds).toHaveLength(2);
    expect(firstIds).not.toContain(page.data[0]?.id);
  });

  it("says when an event's deliveries are not made yet", async () => {
    const contact = await createTestContact(database.db, "waiting@example.com");
    const eventId = (await admin.event.list({ contact_id: contact.id })).data[0]?.id as string;
    expect(await admin.delivery.forEvent({ eventId })).toEqual({
      data: [],
      next_cursor: null,
      fanned_out: false,
    });
    await fanOutEvents(database.db, 10);
    expect((await admin.delivery.forEvent({ eventId })).fanned_out).toBe(true);
  });

  it("says plainly when there is no such event, and pages nothing for it", async () => {
    await expect(admin.event.get({ eventId: "evt_missing" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await admin.delivery.forEvent({ eventId: "evt_missing" })).toEqual({
      data: [],
      next_cursor: null,
      fanned_out: true,
    });
    await expect(admin.delivery.forEvent({ eventId: "evt_x", cursor: "not a cursor" })).rejects.toMatchObject(
      {
        code: "BAD_REQUEST",
      },
    );
  });
});
