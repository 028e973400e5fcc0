// Exporting every contact a filter matches, as a background job: the admin starts it, watches its
// progress, and downloads the CSV when it is done. The job walks the matches newest first by id, a
// batch at a time, and commits each batch's CSV as one part of the file together with its progress
// and where to resume, so a worker that dies is picked up by another with nothing written twice.
// The file lives in the database, so whichever server process answers can serve the download.
import { type Selectable, sql } from "kysely";
import { z } from "zod";
import type { Db } from "@/db";
import { isConnectionError } from "@/db/availability";
import type { ContactExportsTable } from "@/db/schema";
import { changedFields, recordAudit } from "@/server/audit/audit.service";
import { AppError, notFound } from "@/server/errors";
import type { Actor } from "@/server/events/actor";
import { BYTE_ORDER_MARK } from "@/server/lib/csv-response";
import { firstIdAt, hasPrefix, newId } from "@/server/lib/ids";
import { claimLeasedJob } from "@/server/lib/job-claim";
import { iso } from "@/server/lib/pagination";
import { contactMatchFilter } from "./contact.bulk-job";
import { exportFieldNames, exportHeader, exportRows } from "./contact.export";
import { countContactsMatching, walkContacts } from "./contact.queries";

const LEASE_SECONDS = 60;
const BATCH = 2000;
/** How long a finished export can be downloaded before the clean-up job deletes it. */
export const EXPORT_KEEP_HOURS = 24;
/** Exports one admin may have waiting or running at once: each holds a copy of the contacts. */
export const MAX_UNFINISHED_EXPORTS = 3;
/** Parts read per query while downloading: a few MB, never the whole file. */
const PARTS_PER_READ = 4;

export const exportJobInput = z.object({ filter: contactMatchFilter });
export type ExportJobInput = z.infer<typeof exportJobInput>;

export interface ContactExportResource {
  id: string;
  filter: ExportJobInput["filter"];
  status: Selectable<ContactExportsTable>["status"];
  /** Contacts matching when it started: what `written` counts towards. */
  total: number;
  written: number;
  /** The file's size so far, as the download sends it. */
  size_bytes: number;
  error: string | null;
  file_name: string;
  created_at: string;
  finished_at: string | null;
  expires_at: string | null;
}

function toResource(row: Selectable<ContactExportsTable>): ContactExportResource {
  return {
    id: row.id,
    filter: row.filter,
    status: row.status,
    total: row.total,
    written: row.written,
    size_bytes: row.size_bytes + Buffer.byteLength(BYTE_ORDER_MARK),
    error: row.error,
    file_name: `contacts-${iso(row.created_at).slice(0, 10)}.csv`,
    created_at: iso(row.created_at),
    finished_at: row.finished_at ? iso(row.finished_at) : null,
    expires_at: row.expires_at ? iso(row.expires_at) : null,
  };
}

function adminOf(actor: Actor): string {
  if (actor.source !== "admin") throw new AppError("forbidden", "Only an admin can export contacts.");
  return actor.userId;
}

export async function startContactExport(
  db: Db,
  options: { actor: Actor; input: ExportJobInput },
): Promise<ContactExportResource> {
  const { actor, input } = options;
  const userId = adminOf(actor);
  const filter = exportJobInput.parse(input).filter;
  const unfinished = await db
    .selectFrom("contact_exports")
    .select(sql<number>`count(*)::int`.as("n"))
    .where("created_by", "=", userId)
    .where("status", "in", ["queued", "running"])
    .executeTakeFirstOrThrow();
  if (unfinished.n >= MAX_UNFINISHED_EXPORTS) {
    throw new AppError(
      "conflict",
      `You have ${MAX_UNFINISHED_EXPORTS} exports under way already: wait for one to finish.`,
    );
  }
  // The contacts as they are now: ones added while the export runs are not in it, so the total
  // below is what the progress counts towards (less any deleted meanwhile).
  const below = firstIdAt("ctc", Date.now() + 1);
  const { count } = await countContactsMatching(
    db,
    { ...filter, before: below },
    Number.MAX_SAFE_INTEGER - 1,
  );
  const row = await db.transaction().execute(async (trx) => {
    const inserted = await trx
      .insertInto("contact_exports")
      .values({
        id: newId("job"),
        filter: JSON.stringify(filter),
        status: "queued",
        total: count,
        last_id: below,
        error: null,
        lease_owner: null,
        lease_until: null,
        created_by: userId,
        finished_at: null,
        expires_at: null,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    // Who took a copy of which contacts: the filter and how many it matched, never the rows.
    await recordAudit(trx, actor, {
      kind: "contact_export.started",
      objectType: "contact_export",
      objectId: inserted.id,
      changes: changedFields(null, { filter, total: count }, ["filter", "total"]),
    });
    return inserted;
  });
  return toResource(row);
}

/** The admin's own exports that can still be watched or downloaded, newest first. */
export async function listContactExports(
  db: Db,
  options: { actor: Actor; limit?: number },
): Promise<ContactExportResource[]> {
  const { actor, limit = MAX_UNFINISHED_EXPORTS } = options;
  const rows = await db
    .selectFrom("contact_exports")
    .selectAll()
    .where("created_by", "=", adminOf(actor))
    .where((eb) => eb.or([eb("expires_at", "is", null), eb("expires_at", ">", sql<Date>`now()`)]))
    .orderBy("created_at", "desc")
    .limit(limit)
    .execute();
  return rows.map(toResource);
}

export async function getContactExport(db: Db, options: { id: string }): Promise<ContactExportResource> {
  const { id } = options;
  const missing = new AppError("not_found", "No export with that id: it may have expired.");
  // An address typed by hand may hold anything; PostgreSQL text can't even hold a NUL.
  if (!hasPrefix(id, "job") || id.includes("\0")) throw missing;
  const row = await db
    .selectFrom("contact_exports")
    .selectAll()
    .where("id", "=", id)
    .where((eb) => eb.or([eb("expires_at", "is", null), eb("expires_at", ">", sql<Date>`now()`)]))
    .executeTakeFirst();
  if (!row) throw missing;
  return toResource(row);
}

/**
 * A finished export's file, part by part, read a few parts per query (the download adds the
 * byte-order mark: stored, it would be lost, as PGlite's text decoder drops a leading one). Throws
 * before the first byte if the export is unknown, expired or not finished.
 */
export async function openContactExportFile(
  db: Db,
  options: { id: string },
): Promise<{ export: ContactExportResource; parts: AsyncGenerator<string> }> {
  const { id } = options;
  const found = await getContactExport(db, { id });
  if (found.status !== "completed") {
    throw new AppError(
      "conflict",
      found.status === "failed" ? "This export failed: start it again." : "This export is not finished yet.",
    );
  }
  async function* parts(): AsyncGenerator<string> {
    let next = 0;
    for (;;) {
      const rows = await db
        .selectFrom("contact_export_parts")
        .select(["part", "content"])
        .where("export_id", "=", id)
        .where("part", ">=", next)
        .orderBy("part")
        .limit(PARTS_PER_READ)
        .execute();
      for (const row of rows) yield row.content;
      if (rows.length < PARTS_PER_READ) return;
      next = (rows.at(-1)?.part ?? next) + 1;
    }
  }
  return { export: found, parts: parts() };
}

/** Deletes one of the admin's own exports (its file goes with it); a running one stops. */
export async function deleteContactExport(db: Db, options: { actor: Actor; id: string }): Promise<void> {
  const { actor, id } = options;
  const deleted = await db
    .deleteFrom("contact_exports")
    .where("id", "=", id)
    .where("created_by", "=", adminOf(actor))
    .executeTakeFirst();
  if (Number(deleted.numDeletedRows) === 0) throw notFound("export");
}

/** The clean-up job's part: exports past their time go, files and all. Returns how many. */
export async function pruneContactExports(db: Db, now: Date = new Date()): Promise<number> {
  const result = await db.deleteFrom("contact_exports").where("expires_at", "<=", now).executeTakeFirst();
  return Number(result.numDeletedRows);
}

class LeaseLost extends Error {}

async function claimExport(db: Db, owner: string) {
  const id = await claimLeasedJob(db, "contact_exports", owner, LEASE_SECONDS);
  if (!id) return null;
  return db.selectFrom("contact_exports").selectAll().where("id", "=", id).executeTakeFirst();
}

/** Ends a job this worker still holds: completed or failed, downloadable or not until it expires. */
async function finishExport(
  db: Db,
  id: string,
  owner: string,
  outcome: { status: "completed" } | { status: "failed"; error: string },
): Promise<boolean> {
  const done = await db
    .updateTable("contact_exports")
    .set({
      ...outcome,
      finished_at: sql`now()`,
      expires_at: sql`now() + make_interval(hours => ${EXPORT_KEEP_HOURS})`,
      lease_owner: null,
      lease_until: null,
      updated_at: sql`now()`,
    })
    .where("id", "=", id)
    .where("lease_owner", "=", owner)
    .executeTakeFirst();
  return Number(done.numUpdatedRows) > 0;
}

export interface ProcessExportsOptions {
  batchSize?: number;
  /** Stop (as a crash would) after this many committed batches; for tests of resuming. */
  maxBatches?: number;
}

/** Claims and runs exports until none waits. Returns how many it finished. */
export async function processContactExports(
  db: Db,
  owner: string,
  options: ProcessExportsOptions = {},
): Promise<number> {
  let finished = 0;
  for (let job = await claimExport(db, owner); job; job = await claimExport(db, owner)) {
    try {
      const outcome = await runExport(db, job, owner, options);
      if (outcome === "completed") finished++;
      else return finished;
    } catch (error) {
      if (error instanceof LeaseLost) continue;
      // No database: the lease runs out and a later run resumes from the last committed batch.
      if (isConnectionError(error)) throw error;
      console.error(`[exports] ${job.id} failed`, error);
      await finishExport(db, job.id, owner, {
        status: "failed",
        error: "The export stopped on an unexpected error. Start it again.",
      });
    }
  }
  return finished;
}

async function runExport(
  db: Db,
  job: Selectable<ContactExportsTable>,
  owner: string,
  options: ProcessExportsOptions,
): Promise<"completed" | "stopped"> {
  const batchSize = options.batchSize ?? BATCH;
  const filter = contactMatchFilter.parse(job.filter);
  let part = job.parts;
  let lastId = job.last_id;
  let batches = 0;

  /** Commits one part of the file with the progress it makes, if the job is still ours. */
  const commitPart = (
    content: string,
    progress: { written: number; lastId: string; fieldNames?: string[] },
  ) =>
    db.transaction().execute(async (trx) => {
      const saved = await trx
        .updateTable("contact_exports")
        .set({
          parts: part + 1,
          written: sql`written + ${progress.written}`,
          size_bytes: sql`size_bytes + ${Buffer.byteLength(content)}`,
          last_id: progress.lastId,
          ...(progress.fieldNames ? { field_names: JSON.stringify(progress.fieldNames) } : {}),
          lease_until: sql`now() + make_interval(secs => ${LEASE_SECONDS})`,
          updated_at: sql`now()`,
        })
        .where("id", "=", job.id)
        .where("lease_owner", "=", owner)
        .where("parts", "=", part)
        .executeTakeFirst();
      // Another worker took over (our lease ran out) or the admin deleted the export: stop here.
      if (Number(saved.numUpdatedRows) === 0) throw new LeaseLost();
      await trx.insertInto("contact_export_parts").values({ export_id: job.id, part, content }).execute();
      part++;
    });

  let fieldNames = job.field_names;
  if (!fieldNames) {
    // The columns are fixed once, with the header: a resumed run writes the same ones.
    fieldNames = await exportFieldNames(db, { ...filter, before: lastId });
    await commitPart(exportHeader(fieldNames), { written: 0, lastId, fieldNames });
  }
  for (;;) {
    const rows = await walkContacts(db, { ...filter, before: lastId }, batchSize);
    const last = rows.at(-1);
    if (!last) break;
    lastId = last.id;
    await commitPart(exportRows(rows, fieldNames), { written: rows.length, lastId });
    batches++;
    if (rows.length < batchSize) break;
    if (options.maxBatches !== undefined && batches >= options.maxBatches) return "stopped";
    // Embedded PGlite runs on this thread: let requests in between batches.
    await new Promise((resolve) => setImmediate(resolve));
  }
  if (!(await finishExport(db, job.id, owner, { status: "completed" }))) throw new LeaseLost();
  return "completed";
}
