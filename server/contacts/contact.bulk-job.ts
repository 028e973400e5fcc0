// "Select all N matching": one action on every contact a filter matches, as a background job. The
// job walks the matches newest first by id, a batch at a time; each contact changes through the same
// path as a bulk change of a selection (its own transaction, its own events), and each batch
// commits the job's progress and where to resume, so a worker that dies is picked up by another.
import { type Selectable, sql } from "kysely";
import { z } from "zod";
import type { Db } from "@/db";
import type { ContactBulkJobsTable } from "@/db/schema";
import { AppError, notFound } from "@/server/errors";
import type { Actor } from "@/server/events/actor";
import { type BoundedCount, EXACT_COUNT_BOUND } from "@/server/lib/bounded-count";
import { newId } from "@/server/lib/ids";
import { claimLeasedJob } from "@/server/lib/job-claim";
import { iso } from "@/server/lib/pagination";
import { contactStatus } from "@/shared/contact.schema";
import { bulkChangeContacts, contactBulkInput } from "./contact.bulk";
import { countContactsMatching, matchingContactIds } from "./contact.queries";

const LEASE_SECONDS = 60;
const BATCH = 200;
/** Kept per job: enough to say what went wrong, not one per contact of a million. */
const MAX_ERRORS = 20;

export const contactMatchFilter = z.object({
  q: z.string().trim().max(200).optional(),
  tag: z.string().trim().max(64).optional(),
  status: contactStatus.optional(),
});
export type ContactMatchFilter = z.infer<typeof contactMatchFilter>;

export const bulkJobInput = z.object({
  filter: contactMatchFilter,
  action: contactBulkInput.shape.action,
});
export type BulkJobInput = z.infer<typeof bulkJobInput>;

export interface BulkJobResource {
  id: string;
  action: BulkJobInput["action"];
  status: Selectable<ContactBulkJobsTable>["status"];
  total: number;
  processed: number;
  failed: number;
  errors: Array<{ id: string; message: string }>;
  created_at: string;
  finished_at: string | null;
}

function toResource(row: Selectable<ContactBulkJobsTable>): BulkJobResource {
  return {
    id: row.id,
    action: row.action,
    status: row.status,
    total: row.total,
    processed: row.processed,
    failed: row.failed,
    errors: row.errors,
    created_at: iso(row.created_at),
    finished_at: row.finished_at ? iso(row.finished_at) : null,
  };
}

export function countContacts(
  db: Db,
  options: { filter: ContactMatchFilter; bound?: number },
): Promise<BoundedCount> {
  return countContactsMatching(db, options.filter, options.bound ?? EXACT_COUNT_BOUND);
}

export async function startBulkJob(
  db: Db,
  options: { actor: Actor; input: BulkJobInput },
): Promise<BulkJobResource> {
  const { actor, input } = options;
  // The total the progress bar counts towards: exact, however many (this runs once per job).
  const { count } = await countContactsMatching(db, input.filter, Number.MAX_SAFE_INTEGER - 1);
  if (count === 0) throw new AppError("bad_request", "No contact matches these filters any more.");
  const row = await db
    .insertInto("contact_bulk_jobs")
    .values({
      id: newId("job"),
      filter: JSON.stringify(input.filter),
      action: JSON.stringify(input.action),
      status: "queued",
      total: count,
      last_id: null,
      lease_owner: null,
      lease_until: null,
      created_by: actor.source === "admin" ? actor.userId : null,
      finished_at: null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toResource(row);
}

export async function getBulkJob(db: Db, options: { id: string }): Promise<BulkJobResource> {
  const row = await db
    .selectFrom("contact_bulk_jobs")
    .selectAll()
    .where("id", "=", options.id)
    .executeTakeFirst();
  if (!row) throw notFound("bulk job");
  return toResource(row);
}

async function claimBulkJob(db: Db, owner: string) {
  const id = await claimLeasedJob(db, "contact_bulk_jobs", owner, LEASE_SECONDS);
  if (!id) return null;
  return db.selectFrom("contact_bulk_jobs").selectAll().where("id", "=", id).executeTakeFirst();
}

/** Claims and runs bulk jobs until none waits. Returns how many it finished. */
export async function processBulkJobs(
  db: Db,
  owner: string,
  options: { batchSize?: number } = {},
): Promise<number> {
  let finished = 0;
  for (let job = await claimBulkJob(db, owner); job; job = await claimBulkJob(db, owner)) {
    if (await runBulkJob(db, job, owner, options.batchSize ?? BATCH)) finished++;
  }
  return finished;
}

async function runBulkJob(
  db: Db,
  job: Selectable<ContactBulkJobsTable>,
  owner: string,
  batchSize: number,
): Promise<boolean> {
  const actor: Actor = { source: "system", job: `bulk:${job.id}` };
  let lastId = job.last_id;
  let errors = job.errors;
  for (;;) {
    const ids = await matchingContactIds(db, job.filter, lastId, batchSize);
    if (ids.length === 0) break;
    const result = await bulkChangeContacts(db, { actor, input: { ids, action: job.action } });
    lastId = ids.at(-1) ?? lastId;
    errors = [...errors, ...result.failed].slice(0, MAX_ERRORS);
    const saved = await db
      .updateTable("contact_bulk_jobs")
      .set({
        processed: sql`processed + ${ids.length}`,
        failed: sql`failed + ${result.failed.length}`,
        errors: JSON.stringify(errors),
        last_id: lastId,
        lease_until: sql`now() + make_interval(secs => ${LEASE_SECONDS})`,
        updated_at: sql`now()`,
      })
      .where("id", "=", job.id)
      .where("lease_owner", "=", owner)
      .executeTakeFirst();
    // Our lease ran out and another worker carries on from the last committed batch.
    if (Number(saved.numUpdatedRows) === 0) return false;
    // Embedded PGlite runs on this thread: let requests in between batches.
    await new Promise((resolve) => setImmediate(resolve));
  }
  await db
    .updateTable("contact_bulk_jobs")
    .set({
      status: "completed",
      finished_at: sql`now()`,
      lease_owner: null,
      lease_until: null,
      updated_at: sql`now()`,
    })
    .where("id", "=", job.id)
    .where("lease_owner", "=", owner)
    .execute();
  return true;
}
