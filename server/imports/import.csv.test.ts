import Papa from "papaparse";
import { describe, expect, it } from "vitest";
import { csvRecords, normalizeHeaders, summarizeCsv } from "./import.csv";

async function all(text: string, sliceChars?: number): Promise<string[][]> {
  const records: string[][] = [];
  for await (const record of csvRecords(text, sliceChars)) records.push(record);
  return records;
}

const TRICKY = [
  "email;note;tags",
  'a@example.com;"a note; with the delimiter";x|y',
  'b@example.com;"two\nlines, and ""quotes""";',
  "c@example.com;plain;",
  "",
  'd@example.com;"a very long quoted cell that is longer than any slice we cut";z',
].join("\r\n");

describe("csvRecords", () => {
  it("reads slice by slice exactly as one whole parse would, whatever the slice size", async () => {
    const whole = Papa.parse<string[]>(TRICKY).data;
    for (const size of [3, 7, 16, 50, 1024]) expect(await all(TRICKY, size)).toEqual(whole);
    expect(whole[2]).toEqual(["b@example.com", 'two\nlines, and "quotes"', ""]);
  });

  it("drops only the empty record a final line break makes", async () => {
    expect(await all("email\na@example.com\n", 4)).toEqual([["email"], ["a@example.com"]]);
  });

  it("summarizes: headers made unique, blank lines not counted as rows", async () => {
    expect(normalizeHeaders(["Email", " ", "email", "Tags"])).toEqual([
      "Email",
      "Column 2",
      "email (2)",
      "Tags",
    ]);
    expect(await summarizeCsv(TRICKY, 2)).toMatchObject({ headers: ["email", "note", "tags"], totalRows: 4 });
  });
});
