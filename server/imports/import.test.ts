// CSV imports end to end below the UI: upload (draft), start, the job, counters and rejected rows.
import { sql } from "kysely";
import Papa from "papaparse";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createUser } from "@/server/auth/user.service";
import { createContact, getContact, setContactStatus } from "@/server/contacts/contact.service";
import type { Actor } from "@/server/events/actor";
import { exportContactsNow } from "@/server/testing/contact-export";
import { createTestDatabase, type TestDatabase } from "@/server/testing/test-database";
import { contactCreateInput } from "@/shared/contact.schema";
import { claimNextImport, processImports, runImport } from "./import.runner";
import { MAX_IMPORT_BYTES } from "./import.schema";
import { createImportDraft, getImport, rejectedRowsCsv, startImport } from "./import.service";

let database: TestDatabase;
let admin: Actor;

beforeAll(async () => {
  database = await createTestDatabase();
  // A real account: an export is its admin's.
  const user = await createUser(database.db, {
    email: "admin@example.com",
    password: "a long enough password",
  });
  admin = { source: "admin", userId: user.id, email: user.email };
});
afterAll(async () => {
  await database.close();
});

const encode = (text: string) => new TextEncoder().encode(text);

async function importCsv(
  fileName: string,
  csv: string,
  mapping: string[],
  mode: "create_update" | "create_only",
) {
  const draft = await createImportDraft(database.db, { fileName, bytes: encode(csv), createdBy: null });
  await startImport(database.db, { id: draft.id, mode, mapping });
  await processImports(database.db, "test-worker");
  return { draft, job: await getImport(database.db, draft.id) };
}

function eventsOf(email: string) {
  return database.db
    .selectFrom("events")
    .select(["type", "source", "actor", "detail"])
    .where(sql<boolean>`payload->>'email' = ${email}`)
    .orderBy("id")
    .execute();
}

const MESSY_CSV = [
  "Email,First Name,Last Name,Tags,Status,Plan,Notes",
  "ada@example.com,Ada,Lovelace,vip;beta,,pro,first",
  "not-an-email,Bad,Row,,,,",
  ",No,Email,,,,",
  "ADA@example.com,Ada,Again,,,,duplicate of row 2",
  "grace@example.com,Grace,Hopper,,maybe,,bad status",
  "",
  "existing@example.com,Exi,,news|vip,unsubscribed,team,updates the existing contact",
  'linus@example.com,Linus,,"a,b",,,comma in a tag',
  "optout@example.com,,,,subscribed,,must not re-subscribe",
  "same@example.com,Same,Same,,,,nothing changes",
  "=cmd|' /C calc'!A0,x,,,,,formula in a rejected cell",
].join("\n");
const MESSY_MAPPING = ["email", "first_name", "last_name", "tags", "status", "field:Plan", "ignore"];

describe("CSV import", () => {
  it("creates, updates, skips and rejects with the right counts and a rejected-rows file", async () => {
    const existing = await createContact(database.db, {
      actor: admin,
      input: {
        email: "existing@example.com",
        tags: ["vip"],
      },
    });
    const optout = await createContact(database.db, {
      actor: admin,
      input: {
        email: "optout@example.com",
        first_name: "Opt",
      },
    });
    await setContactStatus(database.db, { actor: admin, id: optout.id, status: "unsubscribed" });
    await createContact(database.db, {
      actor: admin,
      input: {
        email: "same@example.com",
        first_name: "Same",
        last_name: "Same",
      },
    });

    const { draft, job } = await importCsv("Messy list.csv", MESSY_CSV, MESSY_MAPPING, "create_update");
    expect(draft).toMatchObject({
      file_name: "Messy list.csv",
      headers: ["Email", "First Name", "Last Name", "Tags", "Status", "Plan", "Notes"],
      total_rows: 10,
      suggested_mapping: ["email", "first_name", "last_name", "tags", "status", "ignore", "ignore"],
    });
    expect(draft.sample[0]).toEqual(["ada@example.com", "Ada", "Lovelace", "vip;beta", "", "pro", "first"]);
    expect(job).toMatchObject({
      status: "completed",
      total_rows: 10,
      processed_rows: 10,
      created: 1,
      updated: 1,
      skipped: 2,
      rejected: 6,
    });

    expect(await getContact(database.db, { id: (await idOf("ada@example.com")) ?? "" })).toMatchObject({
      first_name: "Ada",
      last_name: "Lovelace",
      tags: ["vip", "beta"],
      fields: { Plan: "pro" },
      status: "subscribed",
    });
    expect(await getContact(database.db, { id: existing.id })).toMatchObject({
      first_name: "Exi",
      tags: ["vip", "news"],
      fields: { Plan: "team" },
      status: "unsubscribed",
    });
    // A list file is not consent: the unsubscribed contact stays unsubscribed.
    expect((await getContact(database.db, { id: optout.id })).status).toBe("unsubscribed");

    const { fileName, csv } = await rejectedRowsCsv(database.db, draft.id);
    expect(fileName).toBe("Messy list-rejected.csv");
    const rows = Papa.parse<string[]>(csv).data;
    expect(rows[0]).toEqual([
      "row",
      "reason",
      "Email",
      "First Name",
      "Last Name",
      "Tags",
      "Status",
      "Plan",
      "Notes",
    ]);
    expect(rows.slice(1).map(([row, reason, email]) => [row, reason, email])).toEqual([
      ["3", 'Invalid email "not-an-email"', "not-an-email"],
      ["4", "Missing email", ""],
      ["5", "Duplicate of row 2 in this file", "ADA@example.com"],
      ["6", 'Invalid status "maybe" (use subscribed, unsubscribed or bounced)', "grace@example.com"],
      ["9", 'Invalid tag "a,b": A tag cannot contain commas or slashes.', "linus@example.com"],
      ["12", "Invalid email \"=cmd|' /C calc'!A0\"", "'=cmd|' /C calc'!A0"],
    ]);
    expect(rows).toHaveLength(7);
  });

  it("records one event per change with source system and the job's name", async () => {
    const events = await eventsOf("ada@example.com");
    expect(events).toEqual([
      { type: "contact.created", source: "system", actor: "import:Messy list.csv", detail: null },
    ]);
    const existingEvents = (await eventsOf("existing@example.com")).slice(1);
    expect(existingEvents).toEqual([
      {
        type: "contact.updated",
        source: "system",
        actor: "import:Messy list.csv",
        detail: { previous: { first_name: null, fields: {} } },
      },
      {
        type: "contact.tag_added",
        source: "system",
        actor: "import:Messy list.csv",
        detail: { tag: "news" },
      },
      {
        type: "contact.unsubscribed",
        source: "system",
        actor: "import:Messy list.csv",
        detail: { previous: { status: "subscribed" } },
      },
    ]);
    expect((await eventsOf("same@example.com")).map((event) => event.type)).toEqual(["contact.created"]);
  });

  it("in create-only mode skips contacts that exist and leaves them as they are", async () => {
    await createContact(database.db, {
      actor: admin,
      input: { email: "keep@example.com", first_name: "Keep" },
    });
    const { job } = await importCsv(
      "only-new.csv",
      "email,first_name\nkeep@example.com,Changed\nfresh@example.com,Fresh\n",
      ["email", "first_name"],
      "create_only",
    );
    expect(job).toMatchObject({ status: "completed", created: 1, updated: 0, skipped: 1, rejected: 0 });
    expect((await getContact(database.db, { id: (await idOf("keep@example.com")) ?? "" })).first_name).toBe(
      "Keep",
    );
  });

  it("resumes after a crash from the committed offset, without doing a row twice", async () => {
    const lines = ["email,tags"];
    for (let i = 1; i <= 9; i++) lines.push(`resume-${i}@example.com,r`);
    lines.push("resume-2@example.com,dup"); // a duplicate of a row committed before the crash
    const draft = await createImportDraft(database.db, {
      fileName: "resume.csv",
      bytes: encode(lines.join("\n")),
      createdBy: null,
    });
    await startImport(database.db, { id: draft.id, mode: "create_update", mapping: ["email", "tags"] });

    expect(await claimNextImport(database.db, "worker-a")).toBe(draft.id);
    // Worker A commits two batches of 3, then dies.
    expect(await runImport(database.db, draft.id, { owner: "worker-a", batchSize: 3, maxBatches: 2 })).toBe(
      "stopped",
    );
    expect(await getImport(database.db, draft.id)).toMatchObject({
      status: "running",
      processed_rows: 6,
      created: 6,
    });
    // While A's lease runs, nobody else can take the import.
    expect(await claimNextImport(database.db, "worker-b")).toBeNull();
    await database.db
      .updateTable("imports")
      .set({ lease_until: sql`now() - interval '1 second'` })
      .where("id", "=", draft.id)
      .execute();
    expect(await claimNextImport(database.db, "worker-b")).toBe(draft.id);
    expect(await runImport(database.db, draft.id, { owner: "worker-b", batchSize: 3 })).toBe("completed");

    expect(await getImport(database.db, draft.id)).toMatchObject({
      status: "completed",
      processed_rows: 10,
      created: 9,
      rejected: 1,
    });
    const created = await database.db
      .selectFrom("events")
      .select(sql<number>`count(*)::int`.as("n"))
      .where("actor", "=", "import:resume.csv")
      .executeTakeFirstOrThrow();
    expect(created.n).toBe(9);
    const rejected = Papa.parse<string[]>((await rejectedRowsCsv(database.db, draft.id)).csv).data;
    expect(rejected[1]?.slice(0, 2)).toEqual(["11", "Duplicate of row 3 in this file"]);
  });

  it("refuses a mapping without email, a second start, and files it can't read", async () => {
    const draft = await createImportDraft(database.db, {
      fileName: "x.csv",
      bytes: encode("name,mail\nA,a@example.com\n"),
      createdBy: null,
    });
    await expect(
      startImport(database.db, { id: draft.id, mode: "create_update", mapping: ["first_name", "ignore"] }),
    ).rejects.toMatchObject({
      code: "validation_failed",
      message: "Choose the column that holds the email address.",
    });
    await expect(
      startImport(database.db, { id: draft.id, mode: "create_update", mapping: ["email", "email"] }),
    ).rejects.toMatchObject({ code: "validation_failed" });
    await expect(
      startImport(database.db, { id: draft.id, mode: "create_update", mapping: ["email"] }),
    ).rejects.toMatchObject({ code: "validation_failed" });
    await startImport(database.db, { id: draft.id, mode: "create_update", mapping: ["first_name", "email"] });
    await expect(
      startImport(database.db, { id: draft.id, mode: "create_update", mapping: ["first_name", "email"] }),
    ).rejects.toMatchObject({ code: "conflict" });

    const upload = (bytes: Uint8Array) =>
      createImportDraft(database.db, { fileName: "f.csv", bytes, createdBy: null });
    await expect(upload(new Uint8Array(MAX_IMPORT_BYTES + 1))).rejects.toMatchObject({
      code: "payload_too_large",
    });
    await expect(upload(new Uint8Array([0xff, 0xfe, 0x41]))).rejects.toMatchObject({ code: "bad_request" });
    await expect(upload(encode(""))).rejects.toMatchObject({
      code: "bad_request",
      message: "The file is empty.",
    });
    await expect(upload(encode("email\n"))).rejects.toMatchObject({
      message: "The file has a header row but no data rows.",
    });
    const unclosed = ["email,name", ...Array.from({ length: 1000 }, (_, i) => `p${i}@example.com,P ${i}`)];
    unclosed[6] = 'p5@example.com,"P 5';
    await expect(upload(encode(unclosed.join("\n")))).rejects.toMatchObject({
      code: "bad_request",
      message: expect.stringMatching(/^Unclosed quote at line 7:/),
    });
  });
});

describe("Import of Hookline's own export", () => {
  it("restores the same contacts and raises no event for the unchanged ones", async () => {
    const originals = [
      { email: "rt-ada@example.com", first_name: "Ada", phone: "+1 555 0100", tags: ["rt", "vip", "beta"] },
      {
        email: "rt-odd@example.com",
        first_name: "=HYPERLINK(1)",
        last_name: 'O"Brien, Jr.',
        phone: "-42",
        tags: ["rt", "vip", "beta"],
        fields: { plan: "pro", seats: 3, note: "line one\nline two" },
      },
      { email: "rt-grace@example.com", last_name: "Hopper", tags: ["rt"], status: "unsubscribed" as const },
    ];
    for (const contact of originals)
      await createContact(database.db, { actor: admin, input: contactCreateInput.parse(contact) });
    const taggedRt = () =>
      database.db
        .selectFrom("contacts")
        .selectAll()
        .where("tags", "@>", sql<string[]>`array['rt']`)
        .orderBy("id")
        .execute();
    const before = await taggedRt();
    const eventCount = async () =>
      Number(
        (
          await database.db
            .selectFrom("events")
            .select((eb) => eb.fn.countAll().as("n"))
            .where(
              "contact_id",
              "in",
              before.map((row) => row.id),
            )
            .executeTakeFirstOrThrow()
        ).n,
      );
    const eventsBefore = await eventCount();

    const csv = await exportContactsNow(database.db, admin, { tag: "rt" });
    const draft = await createImportDraft(database.db, {
      fileName: "export.csv",
      bytes: encode(csv),
      createdBy: null,
    });
    expect(draft.headers).toContain("field:plan");
    // Every column the import can take back is mapped as the export wrote it.
    expect(draft.suggested_mapping).toEqual(
      draft.headers.map((header) =>
        ["id", "created_at", "updated_at"].includes(header) ? "ignore" : header,
      ),
    );
    await startImport(database.db, { id: draft.id, mode: "create_update", mapping: draft.suggested_mapping });
    await processImports(database.db, "test-worker");
    expect(await getImport(database.db, draft.id)).toMatchObject({
      status: "completed",
      created: 0,
      updated: 0,
      skipped: 3,
      rejected: 0,
    });
    const after = await taggedRt();
    expect(after).toEqual(before);
    expect(await eventCount()).toBe(eventsBefore);
  });
});

async function idOf(email: string): Promise<string | undefined> {
  const row = await database.db
    .selectFrom("contacts")
    .select("id")
    .where("email", "=", email)
    .executeTakeFirst();
  return row?.id;
}
