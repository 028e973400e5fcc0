// History retention: deliveries, their attempts, events, the per-minute rollups and the audit log older than
// HOOKLINE_RETENTION_DAYS are deleted by the job runner, a batch at a time. Pending work is never
// touched, however old: a delivery still being retried, an event not yet fanned out, and an event
// whose delivery is pending all stay until they are done.
import { type RawBuilder, sql } from "kysely";
import type { Db } from "@/db";
import { firstIdAt } from "@/server/lib/ids";

const DAY_MS = 24 * 3600 * 1000;

export interface PruneOptions {
  days: number;
  now?: Date;
  /** Rows per delete statement: short statements, so the engine's writes never wait long. */
  batch?: number;
  /** Stop after this long and leave the rest to the next run. */
  budgetMs?: number;
}

export interface PruneResult {
  deliveries: number;
  events: number;
  rollups: number;
  /** Audit log rows: kept as long as the history they explain. */
  audit: number;
}

export async function pruneHistory(db: Db, options: PruneOptions): Promise<PruneResult> {
  const now = options.now ?? new Date();
  const cutoff = new Date(now.getTime() - options.days * DAY_MS);
  const batch = options.batch ?? 5000;
  const deadline = Date.now() + (options.budgetMs ?? 10_000);
  const result: PruneResult = { deliveries: 0, events: 0, rollups: 0, audit: 0 };

  // Deliveries of events made before the cutoff, finished before it (attempts go with them, by
  // trigger). A delivery's id begins with its event's time, so "of an event made before" is a
  // primary-key range, with no index on any time column.
  const deliveriesBefore = firstIdAt("msg", cutoff.getTime());
  let deliveriesDone = false;
  while (!deliveriesDone && Date.now() < deadline) {
    const count = await deleteBatch(
      db,
      sql`
        delete from deliveries where id in (
          select id from deliveries
          where id < ${deliveriesBefore} and status <> 'pending' and finished_at < ${cutoff}
          order by id
          limit ${batch}
        )`,
    );
    result.deliveries += count;
    deliveriesDone = count < batch;
  }

  // Events made a day before the cutoff and fanned out, but only once none of their deliveries is
  // left: deleting an event deletes what it still has (trigger). Their deliveries' ids carry the
  // event's time, so all of them lie in the range the loop above went through; once it is done,
  // what is left there is small (pending, or finished after the cutoff, say by a redelivery), and
  // pending deliveries are excluded wherever they are.
  const eventsBefore = firstIdAt("evt", cutoff.getTime() - DAY_MS);
  while (deliveriesDone && Date.now() < deadline) {
    const count = await deleteBatch(
      db,
      sql`
        delete from events where id in (
          select e.id from events e
          where e.id < ${eventsBefore} and not e.fanout_pending
            and e.id not in (select event_id from deliveries where id < ${deliveriesBefore})
            and e.id not in (select event_id from deliveries where status = 'pending')
          order by e.id
          limit ${batch}
        )`,
    );
    result.events += count;
    if (count < batch) break;
  }

  // The per-minute counts, the record of deleted hooks, and admins' marks on notifications (their
  // events) older than the events kept, by the same cutoff (a data-modifying CTE runs whether or
  // not the query reads it).
  const rollups = await sql`
    with deliveries_done as (delete from delivery_rollups where minute < ${cutoff} returning 1),
    events_done as (delete from event_rollups where minute < ${cutoff} returning 1),
    deletions_done as (delete from hook_deletions where deleted_at < ${cutoff} returning 1),
    reads_done as (delete from notification_reads where event_id < ${eventsBefore} returning 1)
    select (select count(*) from deliveries_done)::int + (select count(*) from events_done)::int as n
  `.execute(db);
  result.rollups = (rollups.rows[0] as { n: number } | undefined)?.n ?? 0;

  // The audit log, oldest first, a batch at a time (its ids grow with time; `at` is indexed).
  while (Date.now() < deadline) {
    const count = await deleteBatch(
      db,
      sql`
        delete from audit_log where id in (
          select id from audit_log where at < ${cutoff} order by id limit ${batch}
        )`,
    );
    result.audit += count;
    if (count < batch) break;
  }
  return result;
}

async function deleteBatch(db: Db, statement: RawBuilder<unknown>): Promise<number> {
  const deleted = await statement.execute(db);
  return Number(deleted.numAffectedRows ?? 0);
}
