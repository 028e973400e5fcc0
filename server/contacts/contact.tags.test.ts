import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/server/events/actor";
import { createTestDatabase, type TestDatabase } from "@/server/testing/test-database";
import { contactCreateInput } from "@/shared/contact.schema";
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
  await createContact(database.db, { actor: admin, input: contactCreateInput.parse({ email, tags }) });
}

describe("popularTags", () => {
  it("lists the tags in use, most used first (ties by name); a quick count is redone every time", async () => {
    forgetPopularTags();
    // "Quick" is pinned (any count under 10 s): on a loaded machine PGlite's count can take the
    // default 50 ms, and the empty answer would be kept.
    const quick = { worthKeepingMs: 10_000 };
    expect(await popularTags(database.db, quick)).toEqual([]);
    await contact("t1@example.com", ["vip", "beta"]);
    await contact("t2@example.com", ["vip", "alpha"]);
    await contact("t3@example.com", ["vip", "beta"]);
    // The empty answer of a new install was not kept.
    expect(await popularTags(database.db, quick)).toEqual(["vip", "beta", "alpha"]);
  });

  it("keeps a slow count's answer a few minutes, until it is forgotten", async () => {
    forgetPopularTags();
    const now = Date.now();
    // Every count "slow": kept.
    const before = await popularTags(database.db, { now, worthKeepingMs: 0 });
    await contact("t4@example.com", ["zeta"]);
    expect(await popularTags(database.db, { now: now + 60_000, worthKeepingMs: 0 })).toEqual(before);
    expect(await popularTags(database.db, { now: now + 6 * 60_000, worthKeepingMs: 0 })).toContain("zeta");
    await contact("t5@example.com", ["omega"]);
    forgetPopularTags();
    expect(await popularTags(database.db, { now: now + 6 * 60_000, worthKeepingMs: 0 })).toContain("omega");
  });
});
