// CSV imports as background jobs: the admin uploads a file (a draft with a preview), maps its
// columns, starts it; the job runner does the rest (import.runner.ts). Everything here is admin-facing.
import { type Selectable, sql } from "kysely";
import type { Db } from "@/db";
import type { ImportMode, ImportStatus, ImportsTable } from "@/db/schema";
import { changedFields, recordAudit } from "@/server/audit/audit.service";
import { AppError, notFound } from "@/server/errors";
import type { Actor } from "@/server/events/actor";
import { toCsv } from "@/server/lib/csv";
import { newId } from "@/server/lib/ids";
import { iso } from "@/server/lib/pagination";
import { CsvSyntaxError, csvRecords, normalizeHeaders, summarizeCsv } from "./import.csv";
import { mappingProblems } from "./import.rows";
import { type ImportStartInput, MAX_IMPORT_BYTES, MAX_IMPORT_COLUMNS, suggestMapping } from "./import.schema";

export interface ImportPreview {
  id: string;
  file_name: string;
  headers: string[];
  sample: string[][];
  total_rows: number;
  suggested_mapping: string[];
}

export interface ImportResource {
  id: string;
  file_name: string;
  file_size: number;
  status: ImportStatus;
  mode: ImportMode | null;
  total_rows: number;
  processed_rows: number;
  created: number;
  updated: number;
  skipped: number;
  rejected: number;
  error: string | null;
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
}

const RESOURCE_COLUMNS = [
  "id",
  "file_name",
  "file_size",
  "status",
  "mode",
  "total_rows",
  "processed_rows",
  "created_count",
  "updated_count",
  "skipped_count",
  "rejected_count",
  "error",
  "created_at",
  "started_at",
  "finished_at",
] as const;

type ResourceRow = Pick<Selectable<ImportsTable>, (typeof RESOURCE_COLUMNS)[number]>;

function toImportResource(row: ResourceRow): ImportResource {
  return {
    id: row.id,
    file_name: row.file_name,
    file_size: row.file_size,
    status: row.status,
    mode: row.mode,
    total_rows: row.total_rows,
    processed_rows: row.processed_rows,
    created: row.created_count,
    updated: row.updated_count,
    skipped: row.skipped_count,
    rejected: row.rejected_count,
    error: row.error,
    created_at: iso(row.created_at),
    started_at: row.started_at ? iso(row.started_at) : null,
    finished_at: row.finished_at ? iso(row.finished_at) : null,
  };
}

export function cleanFileName(name: string): string {
  // Only the last path segment, without control characters: it ends up in a job name and a download.
  const base = name.split(/[\\/]/).pop() ?? "";
  const cleaned = base
    .split("")
    .filter((char) => char.charCodeAt(0) >= 0x20 && char !== "\u007f" && char !== '"')
    .join("")
    .trim()
    .slice(0, 200);
  return cleaned || "import.csv";
}

/** Stores the uploaded file as a draft and returns what the mapping step shows. */
export async function createImportDraft(
  db: Db,
  input: { fileName: string; bytes: Uint8Array; createdBy: string | null },
): Promise<ImportPreview> {
  if (input.bytes.byteLength > MAX_IMPORT_BYTES) throw fileTooLarge();
  if (input.bytes.byteLength === 0) throw new AppError("bad_request", "The file is empty.");
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(input.bytes);
  } catch {
    throw new AppError("bad_request", "The file is not UTF-8 text. Save it as “CSV UTF-8” and try again.");
  }
  if (text.includes("\u0000")) throw new AppError("bad_request", "That looks like a binary file, not a CSV.");
  text = text.replace(/^\uFEFF/, "");
  const summary = await summarizeCsv(text).catch((error: unknown) => {
    throw error instanceof CsvSyntaxError ? new AppError("bad_request", error.message) : error;
  });
  if (summary.headers.length === 0 || summary.headers.every((header) => /^Column \d+$/.test(header))) {
    throw new AppError("bad_request", "The file has no header row. Put the column names on the first line.");
  }
  if (summary.headers.length > MAX_IMPORT_COLUMNS) {
    throw new AppError("bad_request", `The file has more than ${MAX_IMPORT_COLUMNS} columns.`);
  }
  if (summary.totalRows === 0)
    throw new AppError("bad_request", "The file has a header row but no data rows.");
  const id = newId("job");
  const fileName = cleanFileName(input.fileName);
  await db
    .insertInto("imports")
    .values({
      id,
      file_name: fileName,
      file_size: input.bytes.byteLength,
      file: text,
      status: "draft",
      mode: null,
      mapping: null,
      total_rows: summary.totalRows,
      error: null,
      lease_owner: null,
      lease_until: null,
      created_by: input.createdBy,
      started_at: null,
      finished_at: null,
    })
    .execute();
  return {
    id,
    file_name: fileName,
    headers: summary.headers,
    sample: summary.sample,
    total_rows: summary.totalRows,
    suggested_mapping: suggestMapping(summary.headers),
  };
}

export function fileTooLarge(): AppError {
  return new AppError(
    "payload_too_large",
    `The file is larger than ${MAX_IMPORT_BYTES / 1024 / 1024} MB. Split it into smaller files and import them one by one.`,
  );
}

/** The mapping step again (after a reload): header and first rows, read back from the stored file. */
export async function getImportPreview(db: Db, id: string): Promise<ImportPreview> {
  const row = await db
    .selectFrom("imports")
    .select(["id", "file_name", "total_rows", sql<string>`left(file, 262144)`.as("head")])
    .where("id", "=", id)
    .executeTakeFirst();
  if (!row) throw notFound("import");
  const records: string[][] = [];
  // The first 256 KB hold the header and the sample rows of any sane file.
  for await (const record of csvRecords(row.head)) {
    if (records.length > 0 && record.every((cell) => cell.trim() === "")) continue;
    records.push(record);
    if (records.length > 6) break;
  }
  const headers = normalizeHeaders(records[0] ?? []);
  return {
    id: row.id,
    file_name: row.file_name,
    headers,
    sample: records.slice(1, 6),
    total_rows: row.total_rows,
    suggested_mapping: suggestMapping(headers),
  };
}

export async function startImport(
  db: Db,
  input: ImportStartInput,
  actor: Actor = { source: "system", job: "import" },
): Promise<ImportResource> {
  const preview = await getImportPreview(db, input.id);
  const problems = mappingProblems(input.mapping, preview.headers.length);
  if (problems.length > 0) {
    throw new AppError("validation_failed", problems[0] ?? "The mapping is not valid.", {
      details: problems.map((message) => ({ path: "mapping", message })),
    });
  }
  const mapping = preview.headers.map((column, index) => ({
    column,
    field: input.mapping[index] ?? "ignore",
  }));
  const row = await db.transaction().execute(async (trx) => {
    const started = await trx
      .updateTable("imports")
      .set({ status: "queued", mode: input.mode, mapping: JSON.stringify(mapping), updated_at: sql`now()` })
      .where("id", "=", input.id)
      .where("status", "=", "draft")
      .returning(RESOURCE_COLUMNS)
      .executeTakeFirst();
    if (!started) throw new AppError("conflict", "This import has already been started.");
    // The file's name, how its rows apply and to which fields its columns go; never its rows.
    await recordAudit(trx, actor, {
      kind: "import.started",
      objectType: "import",
      objectId: input.id,
      changes: changedFields(null, { status: "queued", mode: input.mode, mapping }, [
        "status",
        "mode",
        "mapping",
      ]),
    });
    return started;
  });
  return toImportResource(row);
}

export async function getImport(db: Db, id: string): Promise<ImportResource> {
  const row = await db.selectFrom("imports").select(RESOURCE_COLUMNS).where("id", "=", id).executeTakeFirst();
  if (!row) throw notFound("import");
  return toImportResource(row);
}

export async function listImports(db: Db, limit = 50): Promise<ImportResource[]> {
  const rows = await db
    .selectFrom("imports")
    .select(RESOURCE_COLUMNS)
    .where("status", "!=", "draft")
    .orderBy("id", "desc")
    .limit(limit)
    .execute();
  return rows.map(toImportResource);
}

/** The rejected rows as a CSV: the file's own columns, then the row number and the reason. */
export async function rejectedRowsCsv(db: Db, id: string): Promise<{ fileName: string; csv: string }> {
  const job = await db
    .selectFrom("imports")
    .select(["file_name", "mapping"])
    .where("id", "=", id)
    .executeTakeFirst();
  if (!job) throw notFound("import");
  const columns = (job.mapping ?? []).map((entry) => entry.column);
  const rejections = await db
    .selectFrom("import_rejections")
    .select(["row_number", "reason", "data"])
    .where("import_id", "=", id)
    .orderBy("row_number")
    .execute();
  const rows = [
    ["row", "reason", ...columns],
    ...rejections.map((rejection) => [
      String(rejection.row_number),
      rejection.reason,
      ...columns.map((column) => rejection.data[column] ?? ""),
    ]),
  ];
  const base = job.file_name.replace(/\.csv$/i, "");
  return { fileName: `${base}-rejected.csv`, csv: toCsv(rows) };
}

/** Drafts nobody started within a day: their files are the only large thing we keep for nothing. */
export async function pruneImportDrafts(db: Db): Promise<void> {
  await db
    .deleteFrom("imports")
    .where("status", "=", "draft")
    .where("created_at", "<", sql<Date>`now() - interval '1 day'`)
    .execute();
}
