import Papa from "papaparse";
import { describe, expect, it } from "vitest";
import { CsvSyntaxError, csvRecords, normalizeHeaders, summarizeCsv } from "./import.csv";

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

describe("csvRecords on Hookline's own export", () => {
  it("reads a small export with several tags per contact as comma-separated", async () => {
    // The final line break and "a;b;c" tags once made ";" look the more consistent delimiter.
    const exported = Papa.unparse(
      [
        ["id", "email", "first_name", "phone", "tags", "field:plan"],
        ["ctc_1", "ada@example.com", "Ada", "+1 555 0100", "vip;beta;news", "pro"],
        ["ctc_2", "grace@example.com", "Grace", "", "vip;beta;news", ""],
      ],
      { newline: "\r\n", escapeFormulae: true },
    );
    const records = await all(`${exported}\r\n`);
    expect(records[0]).toEqual(["id", "email", "first_name", "phone", "tags", "field:plan"]);
    expect(records[1]).toEqual(["ctc_1", "ada@example.com", "Ada", "'+1 555 0100", "vip;beta;news", "pro"]);
  });

  it("still reads a semicolon file as one", async () => {
    expect(await all("email;tags\r\na@example.com;x\r\n")).toEqual([
      ["email", "tags"],
      ["a@example.com", "x"],
    ]);
  });
});

describe("csvRecords with an unclosed quote", () => {
  it("refuses the file and names the line the quote opens on", async () => {
    const lines = ["email,name", ...Array.from({ length: 1000 }, (_, i) => `p${i}@example.com,Person ${i}`)];
    lines[3] = 'p2@example.com,"Person 2';
    for (const size of [64, 1024 * 1024]) {
      await expect(all(lines.join("\n"), size)).rejects.toThrow(new CsvSyntaxError(4));
    }
  });
});
