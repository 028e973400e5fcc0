import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/server/events/actor";
import { createTestDatabase, type TestDatabase } from "@/server/testing/test-database";
import { contactCreateInput } from "./contact.schema";
import { createContact } from "./contact.service";
import { forgetPopularTags, popularTags } from "./contact.tags";

let database: TestDatabase;
const admin: Actor = { source: "admin", userId: "usr_tags", email: "tags@example.com" };

beforeAll(async () => {
  database = await createTestDatabase();
});

afterAll(async () => {
  await database?.close();
});

async function contact(email: string, tags: string[]) {
  await createContact(database.db, admin, contactCreateInput.parse({ email, tags }));
}

describe("popularTags", () => {
  it("lists the tags in use, most used first (ties by name), and keeps the answer a few minutes", async () => {
    forgetPopularTags();
    await contact("t1@example.com", ["vip", "beta"]);
    await contact("t2@example.com", ["vip", "alpha"]);
    await contact("t3@example.com", ["vip", "beta"]);
    const now = Date.now();
    expect(await popularTags(database.db, now)).toEqual(["vip", "beta", "alpha"]);

    await contact("t4@example.com", ["zeta"]);
    expect(await popularTags(database.db, now + 60_000)).toEqual(["vip", "beta", "alpha"]);
    expect(await popularTags(database.db, now + 6 * 60_000)).toEqual(["vip", "beta", "alpha", "zeta"]);
    await contact("t5@example.com", ["omega"]);
    forgetPopularTags();
    expect(await popularTags(database.db, now + 6 * 60_000)).toContain("omega");
  });
});
