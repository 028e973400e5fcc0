// The shapes of the dashboard and of the hooks pages' charts, as the admin UI receives them.
import { z } from "zod";

const isoTime = z.string();
const ms = z.number().nullable();

export const activityRange = z.enum(["1h", "24h", "7d"]);
export type ActivityRange = z.infer<typeof activityRange>;

/** One bin of a chart: attempts split by outcome, and the latency of its attempts. */
export const activityPoint = z.object({
  at: isoTime,
  attempts: z.number().int(),
  delivered: z.number().int(),
  /** Attempts that did not get a 2xx (retried or given up). */
  failed_attempts: z.number().int(),
  /** Deliveries given up after their last attempt. */
  gave_up: z.number().int(),
  p50_ms: ms,
  p99_ms: ms,
});
export type ActivityPoint = z.infer<typeof activityPoint>;

export const activityTotals = z.object({
  attempts: z.number().int(),
  delivered: z.number().int(),
  failed_attempts: z.number().int(),
  gave_up: z.number().int(),
  /** delivered / attempts; null when there were no attempts. */
  success_rate: z.number().nullable(),
  avg_ms: ms,
  p50_ms: ms,
  p99_ms: ms,
});
export type ActivityTotals = z.infer<typeof activityTotals>;

export const activity = z.object({
  range: activityRange,
  since: isoTime,
  step_seconds: z.number().int(),
  points: z.array(activityPoint),
  totals: activityTotals,
});
export type Activity = z.infer<typeof activity>;

export const hookActivityInput = z.object({
  hookId: z.string().max(64),
  range: activityRange.default("24h"),
});

export const hookSparklinesInput = z.object({ hookIds: z.array(z.string().max(64)).max(100) });

/** Per hook of a list page: the last 24 hours, hour by hour. */
export const hookSparkline = z.object({
  attempts: z.number().int(),
  delivered: z.number().int(),
  success_rate: z.number().nullable(),
  hourly: z.array(z.object({ attempts: z.number().int(), delivered: z.number().int() })),
});
export const hookSparklines = z.record(z.string(), hookSparkline);
export type HookSparklines = z.infer<typeof hookSparklines>;

export const SOURCES = ["admin", "api", "public", "system"] as const;

/** Exact up to a thousand; beyond, the planner's estimate (approximate: true). */
const queueCount = z.object({ count: z.number().int(), approximate: z.boolean() });

export const dashboardOverview = z.object({
  generated_at: isoTime,
  /** Deliveries per minute, the last hour. */
  last_hour: activity,
  /** The last 24 hours' totals. */
  day: activityTotals,
  queue: z.object({
    due: queueCount,
    waiting: queueCount,
    held: queueCount,
  }),
  hooks: z.object({
    total: z.number().int(),
    active: z.number().int(),
    pending: z.number().int(),
    disabled: z.number().int(),
  }),
  recently_disabled: z.array(
    z.object({
      id: z.string(),
      name: z.string().nullable(),
      target_url: z.string(),
      reason: z.string().nullable(),
      disabled_at: isoTime,
    }),
  ),
  /** Active hooks whose deliveries are failing now: longest failing first. */
  failing: z.array(
    z.object({
      id: z.string(),
      name: z.string().nullable(),
      target_url: z.string(),
      failing_since: isoTime,
      consecutive_failures: z.number().int(),
      last_attempt_at: isoTime.nullable(),
      /** The last answer: its HTTP status, or the error when there was none. */
      last_status_code: z.number().int().nullable(),
      last_error: z.string().nullable(),
    }),
  ),
  events_by_source: z.object({
    totals: z.record(z.enum(SOURCES), z.number().int()),
    /** The last 24 hours, hour by hour. */
    hourly: z.array(
      z.object({
        at: isoTime,
        admin: z.number().int(),
        api: z.number().int(),
        public: z.number().int(),
        system: z.number().int(),
      }),
    ),
  }),
});
export type DashboardOverview = z.infer<typeof dashboardOverview>;
