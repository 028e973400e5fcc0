// What /api/metrics reports, in Prometheus's text format (prom-client). Counters and the latency
// histogram are this process's: the delivery loop and the job runner add to them as they work. The
// queue's gauges are read from the database at each scrape (queue-gauges.ts), so they cover every
// worker. Kept on globalThis: Next.js bundles the engine (instrumentation) and the route separately.
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from "prom-client";

/** What became of a delivery after one attempt (or of its lease, when it was never sent). */
const OUTCOMES = ["delivered", "retrying", "failed", "gone", "handed_back"] as const;
export type AttemptOutcomeLabel = (typeof OUTCOMES)[number];

interface Metrics {
  registry: Registry;
  deliveries: Counter<"outcome">;
  attemptSeconds: Histogram<"outcome">;
  due: Gauge;
  inFlight: Gauge;
  oldestDueSeconds: Gauge;
  fanOutLagSeconds: Gauge;
  hooksFailing: Gauge;
  retentionDays: Gauge;
  retentionOldestEventSeconds: Gauge;
  retentionDeleted: Counter<"table">;
  retentionLastRun: Gauge;
}

function create(): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const registers = [registry];
  const created: Metrics = {
    registry,
    deliveries: new Counter({
      name: "hookline_deliveries_total",
      help: "Delivery attempts by what became of the delivery, and deliveries handed back unsent (this process).",
      labelNames: ["outcome"],
      registers,
    }),
    attemptSeconds: new Histogram({
      name: "hookline_attempt_duration_seconds",
      help: "How long an attempt took, from its request going out to the answer (this process).",
      labelNames: ["outcome"],
      buckets: [0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 15, 30],
      registers,
    }),
    due: new Gauge({
      name: "hookline_deliveries_due",
      help: "Pending deliveries due now, none of them held by a live lease (counted up to 100,000).",
      registers,
    }),
    inFlight: new Gauge({
      name: "hookline_deliveries_in_flight",
      help: "Deliveries leased by a worker (all workers; counted up to 100,000).",
      registers,
    }),
    oldestDueSeconds: new Gauge({
      name: "hookline_oldest_due_age_seconds",
      help: "How long the longest-waiting due delivery has been due; 0 when none is.",
      registers,
    }),
    fanOutLagSeconds: new Gauge({
      name: "hookline_fan_out_lag_seconds",
      help: "Age of the oldest event not yet turned into deliveries; 0 when none waits.",
      registers,
    }),
    hooksFailing: new Gauge({
      name: "hookline_hooks_failing",
      help: "Active hooks whose attempts have failed since their last success.",
      registers,
    }),
    retentionDays: new Gauge({
      name: "hookline_retention_days",
      help: "Days of history kept (HOOKLINE_RETENTION_DAYS); 0 keeps everything.",
      registers,
    }),
    retentionOldestEventSeconds: new Gauge({
      name: "hookline_retention_oldest_event_age_seconds",
      help: "Age of the oldest event kept: retention keeps it near the retention period.",
      registers,
    }),
    retentionDeleted: new Counter({
      name: "hookline_retention_deleted_total",
      help: "Rows deleted by retention (this process).",
      labelNames: ["table"],
      registers,
    }),
    retentionLastRun: new Gauge({
      name: "hookline_retention_last_run_timestamp_seconds",
      help: "When retention last ran in this process (Unix time); 0 before its first run.",
      registers,
    }),
  };
  // Every outcome and table from the start, at 0: a rate over a series that appears late misses its first count.
  for (const outcome of OUTCOMES) created.deliveries.inc({ outcome }, 0);
  for (const table of ["deliveries", "events"]) created.retentionDeleted.inc({ table }, 0);
  return created;
}

const holder = globalThis as { __hooklineMetrics?: Metrics };

export function metrics(): Metrics {
  holder.__hooklineMetrics ??= create();
  return holder.__hooklineMetrics;
}

/** What the metrics need of an attempt's result (delivery/engine/result.queries.ts has the whole of it). */
export interface AttemptResultSummary {
  status: "pending" | "delivered" | "failed";
  gone: boolean;
  durationMs: number;
}

function outcomeOf(result: AttemptResultSummary): AttemptOutcomeLabel {
  if (result.status === "delivered") return "delivered";
  if (result.status === "pending") return "retrying";
  return result.gone ? "gone" : "failed";
}

/** Counts one attempt's outcome and its duration. */
export function recordAttempt(result: AttemptResultSummary): void {
  const outcome = outcomeOf(result);
  const { deliveries, attemptSeconds } = metrics();
  deliveries.inc({ outcome });
  attemptSeconds.observe({ outcome }, result.durationMs / 1000);
}

/** Counts a delivery handed back unsent (stop()'s deadline, or no connection in time). */
export function recordHandedBack(): void {
  metrics().deliveries.inc({ outcome: "handed_back" });
}

/** Counts one retention run's deletions. */
export function recordRetentionRun(deleted: { deliveries: number; events: number }): void {
  const { retentionDeleted, retentionLastRun } = metrics();
  retentionDeleted.inc({ table: "deliveries" }, deleted.deliveries);
  retentionDeleted.inc({ table: "events" }, deleted.events);
  retentionLastRun.set(Date.now() / 1000);
}
