import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/server/events/actor";
import { createTestDatabase, type TestDatabase } from "@/server/testing/test-database";
import { contactCreateInput } from "@/shared/contact.schema";
import {
  addContactTag,
  createContact,
  deleteContact,
  getContact,
  listContacts,
  removeContactTag,
  setContactStatus,
  updateContact,
} from "./contact.service";

let database: TestDatabase;
const admin: Actor = { source: "admin", userId: "usr_test", email: "admin@example.com" };

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database.close();
});

function eventsOf(contactId: string) {
  return database.db
    .selectFrom("events")
    .select(["type", "source", "actor", "payload", "detail"])
    .where("contact_id", "=", contactId)
    .orderBy("id")
    .execute();
}

describe("contact service", () => {
  it("creates a contact with its event in one go, email lower-cased", async () => {
    const contact = await createContact(database.db, {
      actor: admin,
      input: contactCreateInput.parse({ email: "  Ada@Example.COM ", first_name: "Ada" }),
    });
    expect(contact).toMatchObject({
      email: "ada@example.com",
      first_name: "Ada",
      status: "subscribed",
      tags: [],
    });
    expect(contact.id).toMatch(/^ctc_/);
    const events = await eventsOf(contact.id);
    expect(events).toEqual([
      {
        type: "contact.created",
        source: "admin",
        actor: "admin@example.com",
        payload: contact,
        detail: null,
      },
    ]);
  });

  it("refuses a duplicate email case-insensitively with a conflict and records nothing", async () => {
    await createContact(database.db, { actor: admin, input: { email: "dup@example.com" } });
    const before = await database.db
      .selectFrom("events")
      .select(sql<number>`count(*)::int`.as("n"))
      .executeTakeFirstOrThrow();
    await expect(
      createContact(database.db, {
        actor: admin,
        input: contactCreateInput.parse({ email: "DUP@example.com" }),
      }),
    ).rejects.toMatchObject({
      code: "conflict",
    });
    const after = await database.db
      .selectFrom("events")
      .select(sql<number>`count(*)::int`.as("n"))
      .executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
  });

  it("raises one specific event per kind of change", async () => {
    const contact = await createContact(database.db, {
      actor: admin,
      input: { email: "grace@example.com", tags: ["a"] },
    });
    await updateContact(database.db, {
      actor: admin,
      id: contact.id,
      input: {
        first_name: "Grace",
        tags: ["a", "b"],
        status: "unsubscribed",
      },
    });
    await setContactStatus(database.db, { actor: admin, id: contact.id, status: "unsubscribed" }); // no change, no event
    await addContactTag(database.db, { actor: admin, id: contact.id, tag: "vip" });
    await removeContactTag(database.db, { actor: admin, id: contact.id, tag: "a" });
    const types = (await eventsOf(contact.id)).map((event) => [event.type, event.detail]);
    expect(types).toEqual([
      ["contact.created", null],
      ["contact.updated", { previous: { first_name: null } }],
      ["contact.tag_added", { tag: "b" }],
      ["contact.unsubscribed", { previous: { status: "subscribed" } }],
      ["contact.tag_added", { tag: "vip" }],
      ["contact.tag_removed", { tag: "a" }],
    ]);
    expect(await getContact(database.db, { id: contact.id })).toMatchObject({
      tags: ["b", "vip"],
      status: "unsubscribed",
    });
  });

  it("keeps the contact as it was in the deleted event", async () => {
    const contact = await createContact(database.db, {
      actor: admin,
      input: { email: "gone@example.com", last_name: "Gone" },
    });
    await deleteContact(database.db, { actor: admin, id: contact.id });
    await expect(getContact(database.db, { id: contact.id })).rejects.toMatchObject({ code: "not_found" });
    const events = await eventsOf(contact.id);
    expect(events.at(-1)).toMatchObject({ type: "contact.deleted", payload: { email: "gone@example.com" } });
  });

  it("leaves neither the change nor its event when the event cannot be written", async () => {
    const contact = await createContact(database.db, {
      actor: admin,
      input: { email: "atomic@example.com" },
    });
    // A real failure inside the transaction: the database refuses this one event type.
    await sql`create function refuse_event() returns trigger language plpgsql as $$
      begin raise exception 'refused for the test'; end $$`.execute(database.db);
    await sql`create trigger refuse_bounce before insert on events for each row
      when (new.type = 'contact.bounced') execute function refuse_event()`.execute(database.db);
    try {
      await expect(
        setContactStatus(database.db, { actor: admin, id: contact.id, status: "bounced" }),
      ).rejects.toThrow(/refused/);
    } finally {
      await sql`drop trigger refuse_bounce on events`.execute(database.db);
    }
    expect((await getContact(database.db, { id: contact.id })).status).toBe("subscribed");
    expect((await eventsOf(contact.id)).map((event) => event.type)).toEqual(["contact.created"]);
  });

  it("lists newest first with keyset pages, search and filters", async () => {
    for (const [email, first, last, tags] of [
      ["list-1@example.com", "Linus", "Torvalds", ["kernel"]],
      ["list-2@example.com", "Lin", "Clark", []],
      ["other@example.com", "Barbara", "Liskov", ["kernel"]],
    ] as const) {
      await createContact(database.db, {
        actor: admin,
        input: { email, first_name: first, last_name: last, tags: [...tags] },
      });
    }
    const first = await listContacts(database.db, { q: "li", limit: 2 });
    expect(first.data.map((c) => c.email)).toEqual(["other@example.com", "list-2@example.com"]);
    expect(first.next_cursor).not.toBeNull();
    const second = await listContacts(database.db, {
      q: "li",
      limit: 2,
      cursor: first.next_cursor ?? undefined,
    });
    expect(second.data.map((c) => c.email)).toEqual(["list-1@example.com"]);
    expect(second.next_cursor).toBeNull();

    expect(
      (await listContacts(database.db, { q: "linus torv", limit: 10 })).data.map((c) => c.email),
    ).toEqual(["list-1@example.com"]);
    expect((await listContacts(database.db, { tag: "kernel", limit: 10 })).data).toHaveLength(2);
    expect((await listContacts(database.db, { email: "LIST-2@example.com", limit: 10 })).data).toHaveLength(
      1,
    );
    expect((await listContacts(database.db, { q: "%", limit: 10 })).data).toHaveLength(0);
  });
});
