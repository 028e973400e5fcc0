// The admin pages' reads over the rollups and the pending-delivery indexes. Every query here is
// bounded by a time range on a primary key or by a partial index, never by the size of history.
import { sql } from "kysely";
import type { Executor } from "@/db";
import type { EventSource } from "@/db/schema";

/** date_bin's origin: bins line up on UTC minutes, quarter hours and hours. */
const ORIGIN = "2000-01-01T00:00:00Z";

export interface BinRow {
  at: Date;
  attempts: number;
  delivered: number;
  failed: number;
  latency_sum_ms: number;
}

/** A hook's (or all hooks', with '*') rollups in [since, until), summed into bins of `stepSeconds`. */
export async function findRollupBins(
  db: Executor,
  hookId: string,
  since: Date,
  until: Date,
  stepSeconds: number,
): Promise<BinRow[]> {
  const step = `${stepSeconds} seconds`;
  const result = await sql<BinRow>`
    select date_bin(${step}::interval, minute, ${ORIGIN}::timestamptz) as at,
           sum(attempts)::int as attempts, sum(delivered)::int as delivered, sum(failed)::int as failed,
           sum(latency_sum_ms)::bigint as latency_sum_ms
    from delivery_rollups
    where hook_id = ${hookId} and minute >= ${since} and minute < ${until}
    group by 1
    order by 1
  `.execute(db);
  return result.rows;
}

export interface BucketRow {
  at: Date;
  /** 1-based bucket index (unnest's ordinality). */
  k: number;
  n: number;
}

/** The latency histograms of the same bins, as (bin, bucket, count) for non-empty buckets only. */
export async function findLatencyBins(
  db: Executor,
  hookId: string,
  since: Date,
  until: Date,
  stepSeconds: number,
): Promise<BucketRow[]> {
  const step = `${stepSeconds} seconds`;
  const result = await sql<BucketRow>`
    select date_bin(${step}::interval, r.minute, ${ORIGIN}::timestamptz) as at, u.k::int as k,
           sum(u.n)::int as n
    from delivery_rollups r
    cross join lateral unnest(r.latency_buckets) with ordinality as u(n, k)
    where r.hook_id = ${hookId} and r.minute >= ${since} and r.minute < ${until} and u.n > 0
    group by 1, 2
  `.execute(db);
  return result.rows;
}

export interface HookHourRow {
  hook_id: string;
  at: Date;
  attempts: number;
  delivered: number;
}

/** Hourly attempts of a page of hooks since `since`: one range scan of the primary key per hook. */
export async function findHourlyByHook(
  db: Executor,
  hookIds: readonly string[],
  since: Date,
  until: Date,
): Promise<HookHourRow[]> {
  if (hookIds.length === 0) return [];
  const result = await sql<HookHourRow>`
    select hook_id, date_bin('1 hour'::interval, minute, ${ORIGIN}::timestamptz) as at,
           sum(attempts)::int as attempts, sum(delivered)::int as delivered
    from delivery_rollups
    where hook_id in (${sql.join([...hookIds])}) and minute >= ${since} and minute < ${until}
    group by 1, 2
  `.execute(db);
  return result.rows;
}

export interface QueueCount {
  count: number;
  /** True when the exact count stopped at the cap and `count` is the planner's estimate instead. */
  approximate: boolean;
}

export interface QueueDepth {
  /** Due now and sendable: not held back by an ordered hook's earlier delivery. */
  due: QueueCount;
  waiting: QueueCount;
  /** Due, but queued behind an earlier pending delivery of an ordered hook (one at a time). */
  held: QueueCount;
}

/**
 * Pending deliveries that are due now, those waiting for a later attempt (a retry, or a lease in
 * flight), and of the due ones those an ordered hook holds behind its earliest. Each is counted
 * exactly through the pending-only indexes up to `cap` rows (a heap visit per row: pending rows
 * churn, so index-only scans rarely apply); past the cap the planner's row estimate for the same
 * condition stands in (for `held`, the cap itself), so a backlog of millions costs what a backlog
 * of `cap` does.
 */
export async function countQueue(db: Executor, cap: number): Promise<QueueDepth> {
  const result = await sql<{ due: number; waiting: number; held: number }>`
    select
      (select count(*) from (
         select 1 from deliveries where status = 'pending' and next_attempt_at <= now() limit ${cap}
       ) due)::int as due,
      (select count(*) from (
         select 1 from deliveries where status = 'pending' and next_attempt_at > now() limit ${cap}
       ) waiting)::int as waiting,
      (select count(*) from (
         select 1 from hooks h
         cross join lateral (
           select 1 from deliveries d
           where d.hook_id = h.id and d.status = 'pending' and d.next_attempt_at <= now()
             and d.sequence > (select min(x.sequence) from deliveries x
                               where x.hook_id = h.id and x.status = 'pending')
           limit ${cap}
         ) q
         where h.ordered
         limit ${cap}
       ) held)::int as held
  `.execute(db);
  const row = result.rows[0] ?? { due: 0, waiting: 0, held: 0 };
  const [allDue, waiting] = await Promise.all([
    row.due < cap ? { count: row.due, approximate: false } : estimate(db, sql`next_attempt_at <= now()`, cap),
    row.waiting < cap
      ? { count: row.waiting, approximate: false }
      : estimate(db, sql`next_attempt_at > now()`, cap),
  ]);
  const held = { count: row.held, approximate: row.held >= cap };
  const due = {
    count: Math.max(0, allDue.count - held.count),
    approximate: allDue.approximate || held.approximate,
  };
  return { due, waiting, held };
}

async function estimate(db: Executor, condition: ReturnType<typeof sql>, floor: number): Promise<QueueCount> {
  const plan = await sql<{ "QUERY PLAN": Array<{ Plan: { "Plan Rows": number } }> }>`
    explain (format json) select 1 from deliveries where status = 'pending' and ${condition}
  `.execute(db);
  const rows = plan.rows[0]?.["QUERY PLAN"][0]?.Plan["Plan Rows"] ?? floor;
  // The exact count already saw `floor` rows; an estimate below that is stale statistics.
  return { count: Math.max(floor, Math.round(rows)), approximate: true };
}

export async function countHooksByStatus(db: Executor): Promise<Record<string, number>> {
  const rows = await db
    .selectFrom("hooks")
    .select(["status", sql<number>`count(*)::int`.as("n")])
    .groupBy("status")
    .execute();
  return Object.fromEntries(rows.map((row) => [row.status, row.n]));
}

const LAST_ERROR_LOOKBACK = 200;

/**
 * Active hooks failing now, longest first, with their last answer. No index on failing_since: the
 * result writer updates it all the time, and an index on it would end those updates' HOT path; a
 * scan of hooks is a few milliseconds at 10,000. The last error is that of the newest tried,
 * undelivered one among the hook's newest LAST_ERROR_LOOKBACK deliveries.
 */
export function findFailingHooks(db: Executor, limit: number) {
  return db
    .selectFrom("hooks")
    .leftJoinLateral(
      (eb) =>
        eb
          // The newest few hundred by deliveries_hook_id_idx, however long the hook's backlog of
          // deliveries never tried (an ordered hook's) is: the last error is among them or unknown.
          .selectFrom(
            eb
              .selectFrom("deliveries")
              .select(["deliveries.last_error", "deliveries.attempt_count", "deliveries.status"])
              .whereRef("deliveries.hook_id", "=", "hooks.id")
              .orderBy("deliveries.id", "desc")
              .limit(LAST_ERROR_LOOKBACK)
              .as("newest"),
          )
          .select("newest.last_error")
          .where("newest.attempt_count", ">", 0)
          .where("newest.status", "!=", "delivered")
          .limit(1)
          .as("last"),
      (join) => join.onTrue(),
    )
    .select([
      "hooks.id",
      "hooks.name",
      "hooks.target_url",
      "hooks.failing_since",
      "hooks.consecutive_failures",
      "hooks.last_delivery_at",
      "hooks.last_status_code",
      "last.last_error",
    ])
    .where("hooks.status", "=", "active")
    .where("hooks.failing_since", "is not", null)
    .orderBy("hooks.failing_since")
    .orderBy("hooks.id")
    .limit(limit)
    .execute();
}

/** The newest disabled hooks, by hooks_disabled_at_idx. */
export function findRecentlyDisabledHooks(db: Executor, limit: number) {
  return db
    .selectFrom("hooks")
    .select(["id", "name", "target_url", "disabled_reason", "disabled_at"])
    .where("status", "=", "disabled")
    .where("disabled_at", "is not", null)
    .orderBy("disabled_at", "desc")
    .limit(limit)
    .execute();
}

export interface SourceBinRow {
  at: Date;
  source: EventSource;
  count: number;
}

export async function findEventSourceBins(
  db: Executor,
  since: Date,
  until: Date,
  stepSeconds: number,
): Promise<SourceBinRow[]> {
  const step = `${stepSeconds} seconds`;
  const result = await sql<SourceBinRow>`
    select date_bin(${step}::interval, minute, ${ORIGIN}::timestamptz) as at, source,
           sum(count)::int as count
    from event_rollups
    where minute >= ${since} and minute < ${until}
    group by 1, 2
  `.execute(db);
  return result.rows;
}
