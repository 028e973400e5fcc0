// Claiming the next background job of a kind, for any number of processes at once: the oldest job
// that waits, or whose worker's lease ran out (it died), becomes this worker's for `leaseSeconds`.
// One statement; SKIP LOCKED lets two workers claim two different jobs rather than queue up.
import { sql } from "kysely";
import type { Executor } from "@/db";

/** Tables of jobs with status, lease_owner, lease_until, created_at and updated_at columns. */
export type LeasedJobTable = "contact_bulk_jobs" | "contact_exports";

/** The id of the job now leased to `owner`, or null when none waits. */
export async function claimLeasedJob(
  db: Executor,
  table: LeasedJobTable,
  owner: string,
  leaseSeconds: number,
): Promise<string | null> {
  const claimed = await sql<{ id: string }>`
    update ${sql.table(table)}
    set status = 'running', lease_owner = ${owner},
        lease_until = now() + make_interval(secs => ${leaseSeconds}), updated_at = now()
    where id = (
      select id from ${sql.table(table)}
      where status = 'queued' or (status = 'running' and lease_until < now())
      order by created_at
      limit 1
      for update skip locked
    )
    returning id`.execute(db);
  return claimed.rows[0]?.id ?? null;
}
