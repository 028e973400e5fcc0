import Papa from "papaparse";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/server/events/actor";
import { suggestMapping } from "@/server/imports/import.schema";
import { createTestDatabase, type TestDatabase } from "@/server/testing/test-database";
import { type ContactExportFilter, contactsCsv } from "./contact.export";
import { contactCreateInput } from "./contact.schema";
import { createContact } from "./contact.service";

let database: TestDatabase;
const admin: Actor = { source: "admin", userId: "usr_test", email: "admin@example.com" };

beforeAll(async () => {
  database = await createTestDatabase();
  const contacts = [
    { email: "ada@example.com", first_name: "Ada", tags: ["vip", "beta"], fields: { plan: "pro" } },
    // Commas, quotes, a line break and a would-be formula: all must survive as plain text.
    {
      email: "odd@example.com",
      first_name: '=HYPERLINK("http://evil.example")',
      last_name: 'O"Brien, Jr.',
      fields: { note: "line one\nline two", seats: 3 },
    },
    { email: "grace@example.com", last_name: "Hopper", tags: ["vip"], status: "unsubscribed" },
  ];
  for (const contact of contacts) await createContact(database.db, admin, contactCreateInput.parse(contact));
});

afterAll(async () => {
  await database?.close();
});

async function exported(filter: ContactExportFilter = {}, batch?: number) {
  let text = "";
  for await (const chunk of contactsCsv(database.db, filter, batch)) text += chunk;
  const parsed = Papa.parse<string[]>(text.trimEnd(), { newline: "\r\n" });
  expect(parsed.errors).toEqual([]);
  const [header = [], ...rows] = parsed.data;
  return {
    text,
    header,
    rows: rows.map((row) => Object.fromEntries(header.map((name, i) => [name, row[i]]))),
  };
}

describe("contactsCsv", () => {
  it("writes every contact, newest first, in the import's columns, across batches", async () => {
    const { header, rows } = await exported({}, 2);
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
      "field:note",
      "field:plan",
      "field:seats",
    ]);
    expect(rows.map((row) => row.email)).toEqual(["grace@example.com", "odd@example.com", "ada@example.com"]);
    expect(rows[2]).toMatchObject({
      first_name: "Ada",
      tags: "vip;beta",
      status: "subscribed",
      "field:plan": "pro",
    });
    expect(rows[1]).toMatchObject({
      // Prefixed so a spreadsheet shows it rather than running it.
      first_name: `'=HYPERLINK("http://evil.example")`,
      last_name: 'O"Brien, Jr.',
      "field:note": "line one\nline two",
      "field:seats": "3",
      "field:plan": "",
    });
    expect(rows[0]).toMatchObject({ status: "unsubscribed", last_name: "Hopper", first_name: "" });
  });

  it("applies the list's filters, and its header maps straight back onto an import", async () => {
    const { header, rows } = await exported({ tag: "vip", status: "subscribed" });
    expect(rows.map((row) => row.email)).toEqual(["ada@example.com"]);
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

    const none = await exported({ q: "nobody-starts-like-this" });
    expect(none.rows).toEqual([]);
    expect(none.header[1]).toBe("email");
  });
});
