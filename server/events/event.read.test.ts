import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiKey } from "@/server/auth/api-key.service";
import { createContact, deleteContact, setContactStatus } from "@/server/contacts/contact.service";
import { createTestDatabase, type TestDatabase } from "@/server/testing/test-database";
import type { Actor } from "./actor";
import { eventListQuery, listEvents } from "./event.read";

let database: TestDatabase;
const admin: Actor = { source: "admin", userId: "usr_test", email: "admin@example.com" };
let api: Actor;

beforeAll(async () => {
  database = await createTestDatabase();
  const { apiKey } = await createApiKey(database.db, { name: "Zapier", createdBy: null });
  api = { source: "api", apiKeyId: apiKey.id, name: apiKey.name };
});
afterAll(async () => {
  await database.close();
});

describe("listEvents", () => {
  it("lists newest first with the contact's email, and says whether the contact still exists", async () => {
    const kept = await createContact(database.db, { actor: api, input: { email: "kept@example.com" } });
    const gone = await createContact(database.db, { actor: admin, input: { email: "gone@example.com" } });
    await setContactStatus(database.db, { actor: admin, id: kept.id, status: "unsubscribed" });
    await deleteContact(database.db, { actor: admin, id: gone.id });

    const page = await listEvents(database.db, eventListQuery.parse({}));
    expect(
      page.data.map((event) => [
        event.type,
        event.source,
        event.actor,
        event.contact_email,
        event.contact_exists,
      ]),
    ).toEqual([
      ["contact.deleted", "admin", "admin@example.com", "gone@example.com", false],
      ["contact.unsubscribed", "admin", "admin@example.com", "kept@example.com", true],
      ["contact.created", "admin", "admin@example.com", "gone@example.com", false],
      ["contact.created", "api", "Zapier", "kept@example.com", true],
    ]);
    expect(page.next_cursor).toBeNull();
  });

  it("filters by type, source and contact, and pages by keyset", async () => {
    const contact = await createContact(database.db, { actor: admin, input: { email: "pager@example.com" } });
    for (const status of ["unsubscribed", "subscribed", "bounced"] as const) {
      await setContactStatus(database.db, { actor: admin, id: contact.id, status });
    }
    const first = await listEvents(database.db, eventListQuery.parse({ contact_id: contact.id, limit: 3 }));
    expect(first.data.map((event) => event.type)).toEqual([
      "contact.bounced",
      "contact.subscribed",
      "contact.unsubscribed",
    ]);
    expect(first.next_cursor).not.toBeNull();
    const second = await listEvents(
      database.db,
      eventListQuery.parse({ contact_id: contact.id, limit: 3, cursor: first.next_cursor }),
    );
    expect(second.data.map((event) => event.type)).toEqual(["contact.created"]);
    expect(second.next_cursor).toBeNull();

    const fromApi = await listEvents(database.db, eventListQuery.parse({ source: "api" }));
    expect(fromApi.data.every((event) => event.source === "api")).toBe(true);
    expect(fromApi.data).toHaveLength(1);
    const bounced = await listEvents(database.db, eventListQuery.parse({ type: "contact.bounced" }));
    expect(bounced.data.map((event) => event.contact_email)).toEqual(["pager@example.com"]);
  });
});
