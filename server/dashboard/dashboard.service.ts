// What the dashboard and the hooks pages chart: read from the per-minute rollups (see
// server/delivery/delivery.rollup.ts) and the pending-delivery indexes, so a page costs the same
// with a hundred deliveries or a hundred million.
import type { Executor } from "@/db";
import { ALL_HOOKS } from "@/server/delivery/delivery.rollup";
import { notFound } from "@/server/errors";
import {
  type BinRow,
  type BucketRow,
  countHooksByStatus,
  countQueue,
  findEventSourceBins,
  findFailingHooks,
  findHourlyByHook,
  findLatencyBins,
  findRecentlyDisabledHooks,
  findRollupBins,
} from "./dashboard.queries";
import {
  type Activity,
  type ActivityPoint,
  type ActivityRange,
  type ActivityTotals,
  type DashboardOverview,
  type HookSparklines,
  SOURCES,
} from "./dashboard.schema";
import { addBuckets, emptyBuckets, estimatePercentile } from "./latency";

const RANGES: Record<ActivityRange, { spanSeconds: number; stepSeconds: number }> = {
  "1h": { spanSeconds: 3600, stepSeconds: 60 },
  "24h": { spanSeconds: 24 * 3600, stepSeconds: 30 * 60 },
  "7d": { spanSeconds: 7 * 24 * 3600, stepSeconds: 4 * 3600 },
};

/**
 * Queue counts are exact up to here, estimated beyond: each exact count costs a heap visit per
 * pending row (~45 ms for 10,000 cold ones in the bench, ~5 ms for 1,000).
 */
export const QUEUE_EXACT_UP_TO = 1_000;
const RECENTLY_DISABLED = 8;
const FAILING_SHOWN = 10;

/** The end of the window: the end of the bin that holds `now`. */
function windowEnd(now: Date, stepSeconds: number): Date {
  const step = stepSeconds * 1000;
  return new Date(Math.floor(now.getTime() / step) * step + step);
}

/** The aligned bins of a window ending with the bin that holds `now`, oldest first. */
function binsOf(now: Date, spanSeconds: number, stepSeconds: number): Date[] {
  const step = stepSeconds * 1000;
  const last = Math.floor(now.getTime() / step) * step;
  const count = Math.round(spanSeconds / stepSeconds);
  return Array.from({ length: count }, (_, i) => new Date(last - (count - 1 - i) * step));
}

function totalsOf(bins: readonly BinRow[], buckets: readonly number[]): ActivityTotals {
  let attempts = 0;
  let delivered = 0;
  let gaveUp = 0;
  let latencySum = 0;
  for (const bin of bins) {
    attempts += bin.attempts;
    delivered += bin.delivered;
    gaveUp += bin.failed;
    latencySum += Number(bin.latency_sum_ms);
  }
  return {
    attempts,
    delivered,
    failed_attempts: attempts - delivered,
    gave_up: gaveUp,
    success_rate: attempts === 0 ? null : delivered / attempts,
    avg_ms: attempts === 0 ? null : Math.round((latencySum / attempts) * 10) / 10,
    p50_ms: estimatePercentile(buckets, 0.5),
    p99_ms: estimatePercentile(buckets, 0.99),
  };
}

/** Bins and their histograms, zero-filled over the whole window. */
function toActivity(
  range: ActivityRange,
  now: Date,
  rows: readonly BinRow[],
  bucketRows: readonly BucketRow[],
): Activity {
  const { spanSeconds, stepSeconds } = RANGES[range];
  const bins = binsOf(now, spanSeconds, stepSeconds);
  const since = bins[0] ?? now;
  const byTime = new Map(rows.map((row) => [row.at.getTime(), row]));
  const histograms = new Map<number, number[]>();
  const overall = emptyBuckets();
  for (const row of bucketRows) {
    const key = row.at.getTime();
    let histogram = histograms.get(key);
    if (!histogram) {
      histogram = emptyBuckets();
      histograms.set(key, histogram);
    }
    histogram[row.k - 1] = (histogram[row.k - 1] ?? 0) + row.n;
    overall[row.k - 1] = (overall[row.k - 1] ?? 0) + row.n;
  }
  const points = bins.map((at): ActivityPoint => {
    const row = byTime.get(at.getTime());
    const histogram = histograms.get(at.getTime()) ?? emptyBuckets();
    const attempts = row?.attempts ?? 0;
    const delivered = row?.delivered ?? 0;
    return {
      at: at.toISOString(),
      attempts,
      delivered,
      failed_attempts: attempts - delivered,
      gave_up: row?.failed ?? 0,
      p50_ms: estimatePercentile(histogram, 0.5),
      p99_ms: estimatePercentile(histogram, 0.99),
    };
  });
  const inWindow = rows.filter((row) => row.at.getTime() >= since.getTime());
  return {
    range,
    since: since.toISOString(),
    step_seconds: stepSeconds,
    points,
    totals: totalsOf(inWindow, overall),
  };
}

async function readActivity(db: Executor, hookId: string, range: ActivityRange, now: Date) {
  const { spanSeconds, stepSeconds } = RANGES[range];
  const since = binsOf(now, spanSeconds, stepSeconds)[0] ?? now;
  const until = windowEnd(now, stepSeconds);
  const [rows, buckets] = await Promise.all([
    findRollupBins(db, hookId, since, until, stepSeconds),
    findLatencyBins(db, hookId, since, until, stepSeconds),
  ]);
  return toActivity(range, now, rows, buckets);
}

/** A hook's deliveries, failures and latency over time, for its detail page. */
export async function getHookActivity(
  db: Executor,
  options: { hookId: string; range: ActivityRange; now?: Date },
): Promise<Activity> {
  const hook = await db.selectFrom("hooks").select("id").where("id", "=", options.hookId).executeTakeFirst();
  if (!hook) throw notFound("hook");
  return readActivity(db, options.hookId, options.range, options.now ?? new Date());
}

/** The last 24 hours of each hook on a list page, hour by hour, for its success rate and sparkline. */
export async function getHookSparklines(
  db: Executor,
  options: { hookIds: readonly string[]; now?: Date },
): Promise<HookSparklines> {
  const now = options.now ?? new Date();
  const hours = binsOf(now, 24 * 3600, 3600);
  const since = hours[0] ?? now;
  const rows = await findHourlyByHook(db, [...new Set(options.hookIds)], since, windowEnd(now, 3600));
  const byHook = new Map<string, Map<number, { attempts: number; delivered: number }>>();
  for (const row of rows) {
    let hourly = byHook.get(row.hook_id);
    if (!hourly) {
      hourly = new Map();
      byHook.set(row.hook_id, hourly);
    }
    hourly.set(row.at.getTime(), { attempts: row.attempts, delivered: row.delivered });
  }
  const answer: HookSparklines = {};
  for (const hookId of options.hookIds) {
    const hourly = hours.map(
      (hour) => byHook.get(hookId)?.get(hour.getTime()) ?? { attempts: 0, delivered: 0 },
    );
    const attempts = hourly.reduce((sum, h) => sum + h.attempts, 0);
    const delivered = hourly.reduce((sum, h) => sum + h.delivered, 0);
    answer[hookId] = {
      attempts,
      delivered,
      success_rate: attempts === 0 ? null : delivered / attempts,
      hourly,
    };
  }
  return answer;
}

/** Everything on the dashboard, in one round of parallel, bounded reads. */
export async function getDashboardOverview(
  db: Executor,
  options: { now?: Date } = {},
): Promise<DashboardOverview> {
  const now = options.now ?? new Date();
  const dayHours = binsOf(now, 24 * 3600, 3600);
  const daySince = dayHours[0] ?? now;
  const dayUntil = windowEnd(now, 3600);
  const [lastHour, dayRows, dayBuckets, queue, hooks, disabled, sourceRows, failing] = await Promise.all([
    readActivity(db, ALL_HOOKS, "1h", now),
    findRollupBins(db, ALL_HOOKS, daySince, dayUntil, 3600),
    findLatencyBins(db, ALL_HOOKS, daySince, dayUntil, 3600),
    countQueue(db, QUEUE_EXACT_UP_TO),
    countHooksByStatus(db),
    findRecentlyDisabledHooks(db, RECENTLY_DISABLED),
    findEventSourceBins(db, daySince, dayUntil, 3600),
    findFailingHooks(db, FAILING_SHOWN),
  ]);

  const dayHistogram = emptyBuckets();
  for (const row of dayBuckets) dayHistogram[row.k - 1] = (dayHistogram[row.k - 1] ?? 0) + row.n;

  const sourceTotals = { admin: 0, api: 0, public: 0, system: 0 };
  const byHour = new Map<number, Record<(typeof SOURCES)[number], number>>();
  for (const row of sourceRows) {
    if (!(SOURCES as readonly string[]).includes(row.source)) continue;
    sourceTotals[row.source] += row.count;
    let hour = byHour.get(row.at.getTime());
    if (!hour) {
      hour = { admin: 0, api: 0, public: 0, system: 0 };
      byHour.set(row.at.getTime(), hour);
    }
    hour[row.source] += row.count;
  }

  return {
    generated_at: now.toISOString(),
    last_hour: lastHour,
    day: totalsOf(dayRows, addBuckets(emptyBuckets(), dayHistogram)),
    queue,
    hooks: {
      total: (hooks.active ?? 0) + (hooks.pending ?? 0) + (hooks.disabled ?? 0),
      active: hooks.active ?? 0,
      pending: hooks.pending ?? 0,
      disabled: hooks.disabled ?? 0,
    },
    recently_disabled: disabled.map((hook) => ({
      id: hook.id,
      name: hook.name,
      target_url: hook.target_url,
      reason: hook.disabled_reason,
      disabled_at: (hook.disabled_at as Date).toISOString(),
    })),
    failing: failing.map((hook) => ({
      id: hook.id,
      name: hook.name,
      target_url: hook.target_url,
      failing_since: (hook.failing_since as Date).toISOString(),
      consecutive_failures: hook.consecutive_failures,
      last_attempt_at: hook.last_delivery_at ? hook.last_delivery_at.toISOString() : null,
      last_status_code: hook.last_status_code,
      last_error: hook.last_status_code === null ? (hook.last_error ?? null) : null,
    })),
    events_by_source: {
      totals: sourceTotals,
      hourly: dayHours.map((hour) => ({
        at: hour.toISOString(),
        ...(byHour.get(hour.getTime()) ?? { admin: 0, api: 0, public: 0, system: 0 }),
      })),
    },
  };
}
