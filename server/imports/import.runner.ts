// The import job: claims a queued import (FOR UPDATE SKIP LOCKED, so several processes can run
// this), then writes it batch by batch. Each batch commits its contacts, their events, its rejected
// rows and the new row offset together, so a run that dies resumes exactly where it stopped.
import { sql } from "kysely";
import type { Db } from "@/db";
import type { Actor } from "@/server/events/actor";
import { logger } from "@/server/logging/logger";
import { applyImportBatch, type BatchRow } from "./import.batch";
import { csvRecords, isBlankRecord } from "./import.csv";
import { validateRow } from "./import.rows";

/** A worker that stops renewing for this long is presumed dead; another resumes its import. */
export const IMPORT_LEASE_SECONDS = 60;
export const IMPORT_BATCH_SIZE = 1000;

class LeaseLost extends Error {}

export interface RunImportOptions {
  owner: string;
  batchSize?: number;
  /** Stop (as a crash would) after this many committed batches; for tests of resuming. */
  maxBatches?: number;
}

export async function claimNextImport(db: Db, owner: string): Promise<string | null> {
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom("imports")
      .select("id")
      .where((eb) =>
        eb.or([
          eb("status", "=", "queued"),
          eb.and([eb("status", "=", "running"), eb("lease_until", "<", sql<Date>`now()`)]),
        ]),
      )
      .orderBy("created_at")
      .limit(1)
      .forUpdate()
      .skipLocked()
      .executeTakeFirst();
    if (!row) return null;
    await trx
      .updateTable("imports")
      .set({
        status: "running",
        lease_owner: owner,
        lease_until: sql`now() + make_interval(secs => ${IMPORT_LEASE_SECONDS})`,
        started_at: sql`coalesce(started_at, now())`,
        updated_at: sql`now()`,
      })
      .where("id", "=", row.id)
      .execute();
    return row.id;
  });
}

/** Claims and runs imports until none is waiting. Returns how many it finished. */
export async function processImports(db: Db, owner: string): Promise<number> {
  let finished = 0;
  for (;;) {
    const id = await claimNextImport(db, owner);
    if (!id) return finished;
    try {
      if ((await runImport(db, id, { owner })) === "completed") finished++;
    } catch (error) {
      if (error instanceof LeaseLost) continue;
      logger("imports").error({ err: error, importId: id }, "import failed");
      await db
        .updateTable("imports")
        .set({
          status: "failed",
          error: "The import stopped on an unexpected error. Rows imported so far are kept.",
          finished_at: sql`now()`,
          lease_owner: null,
          lease_until: null,
          updated_at: sql`now()`,
        })
        .where("id", "=", id)
        .where("lease_owner", "=", owner)
        .execute();
    }
  }
}

export async function runImport(
  db: Db,
  id: string,
  options: RunImportOptions,
): Promise<"completed" | "stopped"> {
  const batchSize = options.batchSize ?? IMPORT_BATCH_SIZE;
  const job = await db
    .selectFrom("imports")
    .select(["file", "file_name", "mapping", "mode", "processed_rows"])
    .where("id", "=", id)
    .where("lease_owner", "=", options.owner)
    .executeTakeFirst();
  if (!job?.mapping || !job.mode) throw new LeaseLost();
  const mode = job.mode;
  const columns = job.mapping.map((entry) => entry.column);
  const mapping = job.mapping.map((entry) => entry.field);
  const actor: Actor = { source: "system", job: `import:${job.file_name}` };

  // Email → the row that brought it first. Rebuilt by replaying the rows already done, so a
  // resumed run still rejects a later duplicate of a row committed before the crash.
  const seen = new Map<string, number>();
  let batch: BatchRow[] = [];
  let rejected: Array<{ row_number: number; reason: string; data: string }> = [];
  let cellsByRow = new Map<number, string[]>();
  let rowsInBatch = 0;
  let dataRows = 0;
  let recordNumber = 0;
  let batches = 0;

  const commit = async (processedRows: number) => {
    await db.transaction().execute(async (trx) => {
      const outcome = await applyImportBatch(trx, batch, { mode, actor });
      for (const { rowNumber, reason } of outcome.rejected) {
        rejected.push({
          row_number: rowNumber,
          reason,
          data: rowData(columns, cellsByRow.get(rowNumber) ?? []),
        });
      }
      if (rejected.length > 0) {
        await trx
          .insertInto("import_rejections")
          .values(rejected.map((rejection) => ({ import_id: id, ...rejection })))
          .onConflict((oc) => oc.columns(["import_id", "row_number"]).doNothing())
          .execute();
      }
      const result = await trx
        .updateTable("imports")
        .set({
          processed_rows: processedRows,
          created_count: sql`created_count + ${outcome.created}`,
          updated_count: sql`updated_count + ${outcome.updated}`,
          skipped_count: sql`skipped_count + ${outcome.skipped}`,
          rejected_count: sql`rejected_count + ${rejected.length}`,
          lease_until: sql`now() + make_interval(secs => ${IMPORT_LEASE_SECONDS})`,
          updated_at: sql`now()`,
        })
        .where("id", "=", id)
        .where("lease_owner", "=", options.owner)
        .executeTakeFirst();
      // Another worker took over (our lease ran out): roll this batch back and let it carry on.
      if (Number(result.numUpdatedRows) === 0) throw new LeaseLost();
    });
    batch = [];
    rejected = [];
    cellsByRow = new Map();
    rowsInBatch = 0;
    batches++;
  };

  for await (const record of csvRecords(job.file)) {
    recordNumber++;
    if (recordNumber === 1 || isBlankRecord(record)) continue;
    dataRows++;
    const result = validateRow(record, mapping);
    let reason = result.ok ? null : result.reason;
    if (result.ok) {
      const first = seen.get(result.record.email);
      if (first === undefined) seen.set(result.record.email, recordNumber);
      else reason = `Duplicate of row ${first} in this file`;
    }
    if (dataRows <= job.processed_rows) continue;

    if (reason !== null || !result.ok) {
      rejected.push({ row_number: recordNumber, reason: reason ?? "", data: rowData(columns, record) });
    } else {
      batch.push({ rowNumber: recordNumber, record: result.record });
      cellsByRow.set(recordNumber, record);
    }
    rowsInBatch++;
    if (rowsInBatch >= batchSize) {
      await commit(dataRows);
      // Embedded PGlite runs on this thread and its queries resolve without real I/O: without a
      // turn of the event loop between batches, the web server would not answer until the end.
      await new Promise((resolve) => setImmediate(resolve));
      if (options.maxBatches !== undefined && batches >= options.maxBatches) return "stopped";
    }
  }
  if (rowsInBatch > 0) await commit(dataRows);

  const done = await db
    .updateTable("imports")
    .set({
      status: "completed",
      finished_at: sql`now()`,
      lease_owner: null,
      lease_until: null,
      updated_at: sql`now()`,
    })
    .where("id", "=", id)
    .where("lease_owner", "=", options.owner)
    .executeTakeFirst();
  if (Number(done.numUpdatedRows) === 0) throw new LeaseLost();
  return "completed";
}

/** The row as the admin wrote it, keyed by header, for the rejected-rows file. */
function rowData(columns: string[], cells: string[]): string {
  const data: Record<string, string> = {};
  columns.forEach((column, index) => {
    data[column] = cells[index] ?? "";
  });
  return JSON.stringify(data);
}
