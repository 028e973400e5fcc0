// Exports as background jobs, against a real database: the file round-trips through papaparse with
// every awkward value intact, the list's filters apply, progress is committed batch by batch, a
// worker that dies is resumed without writing anything twice, and finished files expire.
import { sql } from "kysely";
import Papa from "papaparse";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createUser } from "@/server/auth/user.service";
import type { Actor } from "@/server/events/actor";
import { suggestMapping } from "@/server/imports/import.schema";
import { exportContactsNow, readContactExport } from "@/server/testing/contact-export";
import { createTestDatabase, type TestDatabase } from "@/server/testing/test-database";
import { contactCreateInput } from "@/shared/contact.schema";
import {
  deleteContactExport,
  getContactExport,
  listContactExports,
  MAX_UNFINISHED_EXPORTS,
  openContactExportFile,
  processContactExports,
  pruneContactExports,
  startContactExport,
} from "./contact.export-job";
import { createContact } from "./contact.service";

let database: TestDatabase;
let admin: Actor;
let colleague: Actor;

/** Values a CSV writer gets wrong: separators, quotes, line breaks, formulas, non-ASCII. */
const TRICKY = [
  '=HYPERLINK("http://evil.example")',
  'O"Brien, Jr.',
  "line one\nline two",
  "+1 555 0100",
  "-2+3",
  "@SUM(A1)",
  "tab\there",
  "Zoë 😀 “quoted”",
  " leading and trailing ",
  ";semi;colons;",
];
const MANY = 25;

beforeAll(async () => {
  database = await createTestDatabase();
  const user = await createUser(database.db, {
    email: "export@example.com",
    password: "a long enough password",
  });
  admin = { source: "admin", userId: user.id, email: user.email };
  const other = await createUser(database.db, {
    email: "other@example.com",
    password: "a long enough password",
  });
  colleague = { source: "admin", userId: other.id, email: other.email };
  const contacts = [
    { email: "ada@example.com", first_name: "Ada", tags: ["vip", "beta"], fields: { plan: "pro" } },
    {
      email: "odd@example.com",
      first_name: '=HYPERLINK("http://evil.example")',
      last_name: 'O"Brien, Jr.',
      fields: { note: "line one\nline two", seats: 3 },
    },
    { email: "grace@example.com", last_name: "Hopper", tags: ["vip"], status: "unsubscribed" },
  ];
  for (const contact of contacts)
    await createContact(database.db, { actor: admin, input: contactCreateInput.parse(contact) });
  for (let i = 0; i < MANY; i++) {
    const value = TRICKY[i % TRICKY.length] ?? "";
    await createContact(database.db, {
      actor: admin,
      input: contactCreateInput.parse({
        email: `tricky-${i}@many.example`,
        first_name: value,
        last_name: `#${i}`,
        tags: ["many"],
        fields: { note: value, index: i },
      }),
    });
  }
});

afterAll(async () => {
  await database?.close();
});

function parse(text: string) {
  expect(text.startsWith("\uFEFF")).toBe(true);
  const parsed = Papa.parse<string[]>(text.slice(1).trimEnd(), { newline: "\r\n" });
  expect(parsed.errors).toEqual([]);
  const [header = [], ...rows] = parsed.data;
  return { header, rows: rows.map((row) => Object.fromEntries(header.map((name, i) => [name, row[i]]))) };
}

/** What a spreadsheet-safe export writes for a value: formulas prefixed with a quote. */
function guarded(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

async function waitingExports() {
  return database.db
    .selectFrom("contact_exports")
    .select(sql<number>`count(*)::int`.as("n"))
    .where("status", "in", ["queued", "running"])
    .executeTakeFirstOrThrow();
}

describe("contact exports", () => {
  it("writes every match across batches; tricky values round-trip through papaparse", async () => {
    const { header, rows } = parse(
      await exportContactsNow(database.db, admin, { tag: "many" }, { batchSize: 4 }),
    );
    expect(header).toEqual([
      "id",
      "email",
      "first_name",
      "last_name",
      "phone",
      "status",
      "tags",
      "created_at",
      "updated_at",
      "field:index",
      "field:note",
    ]);
    expect(rows).toHaveLength(MANY);
    // Newest first, and every contact once.
    expect(rows.map((row) => row.last_name)).toEqual(
      Array.from({ length: MANY }, (_, i) => `#${MANY - 1 - i}`),
    );
    for (const row of rows) {
      const i = Number(row["field:index"]);
      const value = TRICKY[i % TRICKY.length] ?? "";
      expect(row.email).toBe(`tricky-${i}@many.example`);
      // Names are trimmed on the way in; the custom field keeps its value as given.
      expect(row.first_name).toBe(guarded(value.trim()));
      expect(row["field:note"]).toBe(guarded(value));
      expect(row.tags).toBe("many");
    }
  });

  it("applies the list's filters, and its header maps straight back onto an import", async () => {
    const { header, rows } = parse(
      await exportContactsNow(database.db, admin, { tag: "vip", status: "subscribed" }),
    );
    expect(rows.map((row) => row.email)).toEqual(["ada@example.com"]);
    expect(rows[0]).toMatchObject({ first_name: "Ada", tags: "vip;beta", "field:plan": "pro" });
    expect(header.filter((name) => name.startsWith("field:"))).toEqual(["field:plan"]);
    expect(suggestMapping(header)).toEqual([
      "ignore",
      "email",
      "first_name",
      "last_name",
      "phone",
      "status",
      "tags",
      "ignore",
      "ignore",
      "field:plan",
    ]);

    const searched = parse(await exportContactsNow(database.db, admin, { q: "hopper" }));
    expect(searched.rows.map((row) => row.email)).toEqual(["grace@example.com"]);

    const none = parse(await exportContactsNow(database.db, admin, { q: "nobody-starts-like-this" }));
    expect(none.rows).toEqual([]);
    expect(none.header[1]).toBe("email");
  });

  it("commits progress a batch at a time and resumes a dead worker's export without duplicates", async () => {
    const started = await startContactExport(database.db, {
      actor: admin,
      input: { filter: { tag: "many" } },
    });
    expect(started).toMatchObject({ status: "queued", total: MANY, written: 0, expires_at: null });
    // The audit log says who took a copy of which contacts.
    const audited = await database.db
      .selectFrom("audit_log")
      .select(["kind", "actor_label", "changes"])
      .where("object_id", "=", started.id)
      .execute();
    expect(audited).toEqual([
      {
        kind: "contact_export.started",
        actor_label: "export@example.com",
        changes: { filter: { before: null, after: { tag: "many" } }, total: { before: null, after: MANY } },
      },
    ]);
    // Not downloadable before it is done.
    await expect(openContactExportFile(database.db, { id: started.id })).rejects.toMatchObject({
      code: "conflict",
      message: "This export is not finished yet.",
    });

    // A worker writes the header and two batches of 10, then dies (its lease still held).
    await processContactExports(database.db, "worker-a", { batchSize: 10, maxBatches: 2 });
    const midway = await getContactExport(database.db, { id: started.id });
    expect(midway).toMatchObject({ status: "running", total: MANY, written: 20 });
    expect(midway.size_bytes).toBeGreaterThan(0);

    // Nobody else takes it while the lease lasts; once it has run out, another worker finishes it.
    expect(await processContactExports(database.db, "worker-b", { batchSize: 10 })).toBe(0);
    await database.db
      .updateTable("contact_exports")
      .set({ lease_until: sql`now() - interval '1 second'` })
      .where("id", "=", started.id)
      .execute();
    expect(await processContactExports(database.db, "worker-b", { batchSize: 10 })).toBe(1);

    const done = await getContactExport(database.db, { id: started.id });
    expect(done).toMatchObject({ status: "completed", total: MANY, written: MANY });
    expect(Date.parse(done.expires_at ?? "") - Date.parse(done.finished_at ?? "")).toBe(24 * 3600 * 1000);
    const text = await readContactExport(database.db, started.id);
    expect(Buffer.byteLength(text)).toBe(done.size_bytes);
    const { rows } = parse(text);
    expect(rows.map((row) => row.email).sort()).toEqual(
      Array.from({ length: MANY }, (_, i) => `tricky-${i}@many.example`).sort(),
    );
  });

  it("exports the contacts as they were when it started: later ones are not in it", async () => {
    const started = await startContactExport(database.db, {
      actor: admin,
      input: { filter: { q: "latecomer" } },
    });
    expect(started.total).toBe(0);
    await createContact(database.db, {
      actor: admin,
      input: contactCreateInput.parse({ email: "latecomer@example.com" }),
    });
    await processContactExports(database.db, "test-worker");
    expect(parse(await readContactExport(database.db, started.id)).rows).toEqual([]);
    expect(await getContactExport(database.db, { id: started.id })).toMatchObject({ written: 0, total: 0 });
  });

  it("refuses bad input with a clear error and changes nothing", async () => {
    const before = await database.db
      .selectFrom("contact_exports")
      .select(sql<number>`count(*)::int`.as("n"))
      .executeTakeFirstOrThrow();
    await expect(
      startContactExport(database.db, {
        actor: admin,
        input: {
          filter: { status: "gone" as "bounced", q: "x".repeat(201) },
        },
      }),
    ).rejects.toMatchObject({ name: "ZodError" });
    await expect(
      startContactExport(database.db, {
        actor: { source: "api", apiKeyId: "key_x", name: "Key" },
        input: { filter: {} },
      }),
    ).rejects.toMatchObject({ code: "forbidden" });
    await expect(getContactExport(database.db, { id: "job_nothing" })).rejects.toMatchObject({
      code: "not_found",
    });
    await expect(getContactExport(database.db, { id: "not-an-id\u0000" })).rejects.toMatchObject({
      code: "not_found",
    });
    await expect(deleteContactExport(database.db, { actor: admin, id: "job_nothing" })).rejects.toMatchObject(
      {
        code: "not_found",
      },
    );
    const after = await database.db
      .selectFrom("contact_exports")
      .select(sql<number>`count(*)::int`.as("n"))
      .executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
  });

  it("limits how many one admin has under way, lists each admin's own, and lets them delete one", async () => {
    expect((await waitingExports()).n).toBe(0);
    const started = [];
    for (let i = 0; i < MAX_UNFINISHED_EXPORTS; i++) {
      started.push(
        await startContactExport(database.db, { actor: admin, input: { filter: { tag: "vip" } } }),
      );
    }
    await expect(
      startContactExport(database.db, { actor: admin, input: { filter: {} } }),
    ).rejects.toMatchObject({
      code: "conflict",
    });
    // Another admin's quota is their own; neither sees the other's exports.
    const theirs = await startContactExport(database.db, { actor: colleague, input: { filter: {} } });
    expect((await listContactExports(database.db, { actor: colleague })).map((item) => item.id)).toEqual([
      theirs.id,
    ]);
    const mine = await listContactExports(database.db, { actor: admin });
    expect(mine.slice(0, MAX_UNFINISHED_EXPORTS).map((item) => item.id)).toEqual(
      started.map((item) => item.id).reverse(),
    );
    await expect(
      deleteContactExport(database.db, { actor: colleague, id: started[0]?.id ?? "" }),
    ).rejects.toMatchObject({
      code: "not_found",
    });

    // Deleting one mid-run stops its worker cleanly; the rest finish.
    await processContactExports(database.db, "worker-c", { batchSize: 1, maxBatches: 1 });
    const running = await database.db
      .selectFrom("contact_exports")
      .select("id")
      .where("status", "=", "running")
      .executeTakeFirstOrThrow();
    await deleteContactExport(database.db, { actor: admin, id: running.id });
    await database.db
      .updateTable("contact_exports")
      .set({ lease_until: sql`now() - interval '1 second'` })
      .execute();
    await processContactExports(database.db, "worker-c");
    expect((await waitingExports()).n).toBe(0);
    await expect(getContactExport(database.db, { id: running.id })).rejects.toMatchObject({
      code: "not_found",
    });
    expect(
      await database.db
        .selectFrom("contact_export_parts")
        .select("part")
        .where("export_id", "=", running.id)
        .execute(),
    ).toEqual([]);
  });

  it("expires finished exports: the clean-up deletes them with their files", async () => {
    const started = await startContactExport(database.db, {
      actor: admin,
      input: { filter: { tag: "vip" } },
    });
    await processContactExports(database.db, "test-worker");
    const done = await getContactExport(database.db, { id: started.id });
    const expiry = Date.parse(done.expires_at ?? "");

    // Exports finished earlier may go first; this one stays until its own time.
    await pruneContactExports(database.db, new Date(expiry - 1000));
    await readContactExport(database.db, started.id);
    expect(await pruneContactExports(database.db, new Date(expiry + 1000))).toBeGreaterThanOrEqual(1);
    await expect(getContactExport(database.db, { id: started.id })).rejects.toMatchObject({
      code: "not_found",
    });
    const parts = await database.db
      .selectFrom("contact_export_parts")
      .select("part")
      .where("export_id", "=", started.id)
      .execute();
    expect(parts).toEqual([]);
  });
});
