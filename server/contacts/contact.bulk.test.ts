import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/server/events/actor";
import { createTestDatabase, type TestDatabase } from "@/server/testing/test-database";
import { contactCreateInput } from "@/shared/contact.schema";
import { bulkChangeContacts, contactBulkInput } from "./contact.bulk";
import { createContact, getContact } from "./contact.service";

let database: TestDatabase;
const admin: Actor = { source: "admin", userId: "usr_bulk", email: "bulk@example.com" };

beforeAll(async () => {
  database = await createTestDatabase();
});

afterAll(async () => {
  await database?.close();
});

async function contacts(...emails: string[]) {
  const ids: string[] = [];
  for (const email of emails)
    ids.push(
      (await createContact(database.db, { actor: admin, input: contactCreateInput.parse({ email }) })).id,
    );
  return ids;
}

async function eventTypes(ids: string[]) {
  const rows = await database.db
    .selectFrom("events")
    .select(["contact_id", "type", "source"])
    .where("contact_id", "in", ids)
    .where("type", "!=", "contact.created")
    .orderBy("id")
    .execute();
  return rows;
}

describe("bulkChangeContacts", () => {
  it("applies one action to each selected contact, with the events a single edit raises", async () => {
    const [a, b] = (await contacts("bulk-a@example.com", "bulk-b@example.com")) as [string, string];
    const tagged = await bulkChangeContacts(database.db, {
      actor: admin,
      input: {
        ids: [a, b, b],
        action: { type: "add_tag", tag: "webinar" },
      },
    });
    expect(tagged).toEqual({ done: 2, failed: [] });
    expect((await getContact(database.db, { id: a })).tags).toEqual(["webinar"]);

    const unsubscribed = await bulkChangeContacts(database.db, {
      actor: admin,
      input: {
        ids: [a, b],
        action: { type: "set_status", status: "unsubscribed" },
      },
    });
    expect(unsubscribed.done).toBe(2);
    expect(await eventTypes([a, b])).toEqual([
      { contact_id: a, type: "contact.tag_added", source: "admin" },
      { contact_id: b, type: "contact.tag_added", source: "admin" },
      { contact_id: a, type: "contact.unsubscribed", source: "admin" },
      { contact_id: b, type: "contact.unsubscribed", source: "admin" },
    ]);
  });

  it("names the contacts it could not change, and still changes the rest", async () => {
    const [c] = (await contacts("bulk-c@example.com")) as [string];
    const result = await bulkChangeContacts(database.db, {
      actor: admin,
      input: {
        ids: ["ctc_gone_meanwhile", c],
        action: { type: "delete" },
      },
    });
    expect(result.done).toBe(1);
    expect(result.failed).toEqual([{ id: "ctc_gone_meanwhile", message: "No contact with that id." }]);
    await expect(getContact(database.db, { id: c })).rejects.toMatchObject({ code: "not_found" });
  });

  it("refuses bad input before touching anything", () => {
    expect(contactBulkInput.safeParse({ ids: [], action: { type: "delete" } }).success).toBe(false);
    expect(
      contactBulkInput.safeParse({
        ids: Array.from({ length: 501 }, (_, i) => `ctc_${i}`),
        action: { type: "delete" },
      }).success,
    ).toBe(false);
    expect(contactBulkInput.safeParse({ ids: ["ctc_1"], action: { type: "add_tag", tag: "" } }).success).toBe(
      false,
    );
    expect(contactBulkInput.safeParse({ ids: ["ctc_1"], action: { type: "explode" } }).success).toBe(false);
  });
});
