// The queue's gauges, read at each scrape: one statement, each part through a partial or primary
// key index (pending deliveries, events waiting for fan-out, the oldest event), counts capped so a
// backlog of millions costs what one of COUNT_CAP does.
import { sql } from "kysely";
import type { Executor } from "@/db";
import { config } from "@/server/config/config";
import { metrics } from "./metrics";

const COUNT_CAP = 100_000;

interface QueueRow {
  due: number;
  in_flight: number;
  oldest_due_seconds: number | null;
  fan_out_lag_seconds: number | null;
  hooks_failing: number;
  oldest_event_seconds: number | null;
}

export async function refreshQueueGauges(db: Executor): Promise<void> {
  const result = await sql<QueueRow>`
    select
      (select count(*) from (
         select 1 from deliveries
         where status = 'pending' and next_attempt_at <= now() limit ${COUNT_CAP}
       ) d)::int as due,
      (select count(*) from (
         select 1 from deliveries
         where status = 'pending' and next_attempt_at > now() and lease_id is not null limit ${COUNT_CAP}
       ) l)::int as in_flight,
      (select extract(epoch from now() - min(next_attempt_at))::float8 from deliveries
       where status = 'pending' and next_attempt_at <= now()) as oldest_due_seconds,
      (select extract(epoch from now() - created_at)::float8 from events
       where fanout_pending order by id limit 1) as fan_out_lag_seconds,
      (select count(*) from hooks where status = 'active' and failing_since is not null)::int as hooks_failing,
      (select extract(epoch from now() - created_at)::float8 from events
       order by id limit 1) as oldest_event_seconds
  `.execute(db);
  const row = result.rows[0];
  if (!row) return;
  const gauges = metrics();
  gauges.due.set(row.due);
  gauges.inFlight.set(row.in_flight);
  gauges.oldestDueSeconds.set(Math.max(0, row.oldest_due_seconds ?? 0));
  gauges.fanOutLagSeconds.set(Math.max(0, row.fan_out_lag_seconds ?? 0));
  gauges.hooksFailing.set(row.hooks_failing);
  gauges.retentionDays.set(config().retentionDays ?? 0);
  gauges.retentionOldestEventSeconds.set(Math.max(0, row.oldest_event_seconds ?? 0));
}
