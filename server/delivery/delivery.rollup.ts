// Per-minute rollups of attempts (per hook and for all hooks) and of events by source: what the
// admin pages chart, so they never count raw deliveries. Written inside the engine's own
// transactions, so a rollup exists exactly when the results it sums were committed.
import { sql } from "kysely";
import type { Executor } from "@/db";
import type { EventSource } from "@/db/schema";
import { isoString } from "@/server/lib/iso-time";

/** The hook id under which every minute's totals over all hooks are kept. */
export const ALL_HOOKS = "*";

/**
 * Upper bounds (ms, exclusive) of the latency buckets; one more bucket holds everything slower.
 * Fixed forever: stored rows are counts per bucket index, so changing these would misread history.
 */
export const LATENCY_BOUNDS_MS = [
  1, 2, 3, 5, 7, 10, 15, 20, 30, 50, 70, 100, 150, 200, 300, 500, 700, 1000, 1500, 2000, 3000, 5000, 7000,
  10000, 15000, 20000, 30000,
] as const;
export const LATENCY_BUCKETS = LATENCY_BOUNDS_MS.length + 1;

export function latencyBucket(durationMs: number): number {
  const ms = Math.max(0, durationMs);
  for (let i = 0; i < LATENCY_BOUNDS_MS.length; i++) {
    if (ms < (LATENCY_BOUNDS_MS[i] as number)) return i;
  }
  return LATENCY_BOUNDS_MS.length;
}

export function minuteOf(at: Date): Date {
  return new Date(minuteStart(at));
}

/** The epoch milliseconds of the minute `at` falls in. */
function minuteStart(at: Date): number {
  return Math.floor(at.getTime() / 60_000) * 60_000;
}

export interface AttemptRollupInput {
  hookId: string;
  /** When the attempt finished (or started: either is fine at minute resolution; be consistent). */
  at: Date;
  /** Answered 2xx. */
  ok: boolean;
  /** The delivery is finished after this attempt (delivered, failed for good, or gone). */
  final: boolean;
  durationMs: number;
}

interface DeliveryRollupRow {
  hook_id: string;
  minute: string;
  attempts: number;
  delivered: number;
  failed: number;
  latency_sum_ms: number;
  latency_buckets: number[];
}

/** Sums attempts per (hook, minute), and per minute over all hooks. */
export function aggregateAttempts(attempts: readonly AttemptRollupInput[]): DeliveryRollupRow[] {
  const rows = new Map<string, DeliveryRollupRow>();
  const add = (hookId: string, minute: number, attempt: AttemptRollupInput, bucket: number) => {
    const key = `${hookId}\u0000${minute}`;
    let row = rows.get(key);
    if (!row) {
      row = {
        hook_id: hookId,
        minute: isoString(minute),
        attempts: 0,
        delivered: 0,
        failed: 0,
        latency_sum_ms: 0,
        latency_buckets: new Array<number>(LATENCY_BUCKETS).fill(0),
      };
      rows.set(key, row);
    }
    row.attempts += 1;
    if (attempt.ok) row.delivered += 1;
    else if (attempt.final) row.failed += 1;
    const duration = Math.max(0, Math.round(attempt.durationMs));
    row.latency_sum_ms += duration;
    row.latency_buckets[bucket] = (row.latency_buckets[bucket] ?? 0) + 1;
  };
  for (const attempt of attempts) {
    const minute = minuteStart(attempt.at);
    const bucket = latencyBucket(attempt.durationMs);
    add(attempt.hookId, minute, attempt, bucket);
    add(ALL_HOOKS, minute, attempt, bucket);
  }
  return [...rows.values()];
}

/**
 * Adds a batch of finished attempts to the rollups: one statement, however many attempts, hooks and
 * minutes. Call it in the transaction that records the attempts, with only the results that were
 * actually written (a result whose lease was lost must not be counted).
 */
export async function recordAttemptRollups(
  trx: Executor,
  attempts: ReadonlyArray<AttemptRollupInput>,
): Promise<void> {
  if (attempts.length === 0) return;
  await sql`${attemptRollupsUpsert(attempts)}`.execute(trx);
}

/**
 * The upsert behind recordAttemptRollups, as a statement fragment, so the engine can run it as a
 * CTE of its result-writing statement (one round trip for the whole batch).
 */
export function attemptRollupsUpsert(attempts: ReadonlyArray<AttemptRollupInput>) {
  const rows = aggregateAttempts(attempts);
  // Rows go in key order, so two batches upserting the same rows queue instead of deadlocking.
  return sql`
    insert into delivery_rollups as r
      (hook_id, minute, attempts, delivered, failed, latency_sum_ms, latency_buckets)
    select i.hook_id, i.minute, i.attempts, i.delivered, i.failed, i.latency_sum_ms, i.latency_buckets
    from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as i(
      hook_id text, minute timestamptz, attempts integer, delivered integer, failed integer,
      latency_sum_ms bigint, latency_buckets integer[])
    order by i.hook_id, i.minute
    on conflict (hook_id, minute) do update set
      attempts = r.attempts + excluded.attempts,
      delivered = r.delivered + excluded.delivered,
      failed = r.failed + excluded.failed,
      latency_sum_ms = r.latency_sum_ms + excluded.latency_sum_ms,
      latency_buckets = (
        select array_agg(coalesce(a, 0) + coalesce(b, 0) order by k)
        from unnest(r.latency_buckets, excluded.latency_buckets) with ordinality as u(a, b, k)
      )
  `;
}

export interface EventRollupInput {
  source: EventSource;
  /** The event's created_at, so late fan-out still lands in the minute the change happened. */
  at: Date;
}

/** Adds a batch of events to the per-minute counts by source: one statement per batch. */
export async function recordEventRollups(
  trx: Executor,
  events: ReadonlyArray<EventRollupInput>,
): Promise<void> {
  if (events.length === 0) return;
  const counts = new Map<string, { minute: string; source: EventSource; count: number }>();
  for (const event of events) {
    const minute = minuteOf(event.at).toISOString();
    const key = `${minute}\u0000${event.source}`;
    const row = counts.get(key);
    if (row) row.count += 1;
    else counts.set(key, { minute, source: event.source, count: 1 });
  }
  const rows = [...counts.values()];
  await sql`
    insert into event_rollups as r (minute, source, count)
    select i.minute, i.source, i.count
    from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as i(minute timestamptz, source text, count integer)
    order by i.minute, i.source
    on conflict (minute, source) do update set count = r.count + excluded.count
  `.execute(trx);
}
