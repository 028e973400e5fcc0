// "Select all N matching" → a background job: every contact the filter matches changes, in batches,
// with progress in the database; each contact raises the events a one-by-one edit would.
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createUser } from "@/server/auth/user.service";
import type { Actor } from "@/server/events/actor";
import { createTestDatabase, type TestDatabase } from "@/server/testing/test-database";
import { contactCreateInput } from "@/shared/contact.schema";
import { countContacts, getBulkJob, processBulkJobs, startBulkJob } from "./contact.bulk-job";
import { createContact } from "./contact.service";

let database: TestDatabase;
let admin: Actor;

beforeAll(async () => {
  database = await createTestDatabase();
  const user = await createUser(database.db, {
    email: "bulk@example.com",
    password: "a long enough password",
  });
  admin = { source: "admin", userId: user.id, email: user.email };
  for (let i = 0; i < 23; i++) {
    await createContact(database.db, {
      actor: admin,
      input: contactCreateInput.parse({ email: `many-${i}@bulk.example`, tags: i % 2 ? ["odd"] : [] }),
    });
  }
  await createContact(database.db, {
    actor: admin,
    input: contactCreateInput.parse({ email: "other@elsewhere.example" }),
  });
});
afterAll(async () => {
  await database.close();
});

describe("bulk jobs on every matching contact", () => {
  it("tag every match in batches, with progress, and raise one event per change", async () => {
    expect(await countContacts(database.db, { filter: { q: "bulk.example" } })).toEqual({
      count: 23,
      exact: true,
    });
    const job = await startBulkJob(database.db, {
      actor: admin,
      input: {
        filter: { q: "bulk.example" },
        action: { type: "add_tag", tag: "campaign" },
      },
    });
    expect(job).toMatchObject({ status: "queued", total: 23, processed: 0 });

    expect(await processBulkJobs(database.db, "worker-1", { batchSize: 10 })).toBe(1);
    expect(await getBulkJob(database.db, { id: job.id })).toMatchObject({
      status: "completed",
      total: 23,
      processed: 23,
      failed: 0,
    });
    const tagged = await database.db
      .selectFrom("contacts")
      .select(sql<number>`count(*)::int`.as("n"))
      .where("tags", "@>", sql<string[]>`array['campaign']`)
      .executeTakeFirstOrThrow();
    expect(tagged.n).toBe(23);
    const events = await database.db
      .selectFrom("events")
      .select(sql<number>`count(*)::int`.as("n"))
      .where("type", "=", "contact.tag_added")
      .where(sql<boolean>`detail->>'tag' = 'campaign'`)
      .executeTakeFirstOrThrow();
    expect(events.n).toBe(23);
  });

  it("changes a status even where the change takes contacts out of the filter", async () => {
    const job = await startBulkJob(database.db, {
      actor: admin,
      input: {
        filter: { tag: "odd", status: "subscribed" },
        action: { type: "set_status", status: "unsubscribed" },
      },
    });
    await processBulkJobs(database.db, "worker-1", { batchSize: 4 });
    expect(await getBulkJob(database.db, { id: job.id })).toMatchObject({
      status: "completed",
      total: 11,
      processed: 11,
    });
    expect(await countContacts(database.db, { filter: { tag: "odd", status: "subscribed" } })).toEqual({
      count: 0,
      exact: true,
    });
  });

  it("refuses a job with nothing to do, and answers counts past the bound as estimates", async () => {
    await expect(
      startBulkJob(database.db, {
        actor: admin,
        input: { filter: { q: "nobody-here" }, action: { type: "delete" } },
      }),
    ).rejects.toMatchObject({ code: "bad_request" });
    const estimate = await countContacts(database.db, { filter: {}, bound: 10 });
    expect(estimate.exact).toBe(false);
    expect(estimate.count).toBeGreaterThan(0);
  });
});
