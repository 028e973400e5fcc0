// Reading an uploaded CSV on the server a slice at a time, so a 50 MB file never becomes one
// 500 MB array of arrays. (Papa's Node stream mode re-parses its buffer on every resume: 30× slower.)
import Papa from "papaparse";

const SLICE_CHARS = 512 * 1024;

/** A file the parser can't read to its end; the import refuses it rather than guess. */
export class CsvSyntaxError extends Error {
  constructor(readonly line: number) {
    super(
      `Unclosed quote at line ${line}: everything after it would read as one cell. Close or remove that quote and upload the file again.`,
    );
    this.name = "CsvSyntaxError";
  }
}

/** Yields every record of the file as an array of cells, the header included (the first). */
export async function* csvRecords(text: string, sliceChars = SLICE_CHARS): AsyncGenerator<string[]> {
  let delimiter: string | undefined;
  let newline: string | undefined;
  let start = 0;
  while (start < text.length) {
    const end = cutPoint(text, start, sliceChars);
    const piece = text.slice(start, end);
    // Delimiter and line break are guessed once, on the first slice, then held for the rest.
    delimiter ??= guessDelimiter(piece);
    const result = Papa.parse<string[]>(piece, {
      skipEmptyLines: false,
      delimiter,
      ...(newline ? { newline: newline as "\n" } : {}),
    });
    newline ??= result.meta.linebreak;
    const unclosed = result.errors.find((error) => error.code === "MissingQuotes");
    if (unclosed) throw new CsvSyntaxError(lineAt(text, start + (unclosed.index ?? 0)));
    const records = result.data;
    // The slice's final line break makes one empty record that is not a row of the file.
    const last = records.at(-1);
    if (last && last.length === 1 && last[0] === "" && /[\r\n]$/.test(piece)) records.pop();
    for (const record of records) yield record;
    start = end;
    // Let requests in between slices: this runs inside the web server process.
    await new Promise((resolve) => setImmediate(resolve));
  }
}

/**
 * Papa's guess, made on the first rows with blank lines left out: the empty record after a final line
 * break would otherwise count as a row of one cell, and make "a;b;c" tags look more consistent than
 * the commas of a short file.
 */
function guessDelimiter(piece: string): string {
  return Papa.parse(piece, { preview: 10, skipEmptyLines: "greedy" }).meta.delimiter;
}

/** The 1-based line of the file that `index` falls on. */
function lineAt(text: string, index: number): number {
  let line = 1;
  for (let at = text.indexOf("\n"); at !== -1 && at < index; at = text.indexOf("\n", at + 1)) line++;
  return line;
}

/**
 * Where the slice starting at `start` may end: just after a line break that is outside quotes
 * (an even number of quote characters since `start`, which is itself a record boundary).
 */
function cutPoint(text: string, start: number, sliceChars: number): number {
  let limit = Math.min(start + sliceChars, text.length);
  for (;;) {
    if (limit >= text.length) return text.length;
    let quotes = 0;
    let lastSafe = -1;
    for (let index = start; index < limit; index++) {
      const code = text.charCodeAt(index);
      if (code === 34) quotes++;
      else if (code === 10 && quotes % 2 === 0) lastSafe = index + 1;
    }
    if (lastSafe > start) return lastSafe;
    // One quoted cell longer than a slice: look further.
    limit = Math.min(limit * 2 - start, text.length);
  }
}

export function isBlankRecord(record: string[]): boolean {
  return record.every((cell) => cell.trim() === "");
}

/** Header names as the admin will see them: trimmed, never empty, never twice the same. */
export function normalizeHeaders(record: string[]): string[] {
  const seen = new Map<string, number>();
  return record.map((raw, index) => {
    const base = raw.trim() || `Column ${index + 1}`;
    const count = (seen.get(base.toLowerCase()) ?? 0) + 1;
    seen.set(base.toLowerCase(), count);
    return count === 1 ? base : `${base} (${count})`;
  });
}

export interface CsvSummary {
  headers: string[];
  /** The first data rows, for the preview. */
  sample: string[][];
  /** Data rows after the header; blank lines are not rows (the import skips them too). */
  totalRows: number;
}

export async function summarizeCsv(text: string, sampleSize = 5): Promise<CsvSummary> {
  let headers: string[] | null = null;
  const sample: string[][] = [];
  let totalRows = 0;
  for await (const record of csvRecords(text)) {
    if (headers === null) {
      headers = normalizeHeaders(record);
      continue;
    }
    if (isBlankRecord(record)) continue;
    totalRows++;
    if (sample.length < sampleSize) sample.push(record);
  }
  return { headers: headers ?? [], sample, totalRows };
}
