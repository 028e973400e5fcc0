// Write-behind for the engine's answers: finished attempts and leases handed back wait here briefly
// and go to the database in batches, each batch one statement or transaction (result.queries.ts,
// lease.queries.ts). A receiver already has its delivery, so nothing waits on the write but the
// admin's view — and an ordered hook's next delivery, which is why its results go out sooner.
import type { Kysely } from "kysely";
import type { DB } from "@/db";
import { warnUnlessUnavailable } from "@/db/availability";
import { logger } from "@/server/logging/logger";
import { recordAttempt, recordHandedBack } from "@/server/metrics/metrics";
import { type HeldLease, releaseLeases } from "./lease.queries";
import { type AttemptResult, FAILING_DISABLE_MS, type RecordOutcome, recordResults } from "./result.queries";

/** Most results in one write. */
const FLUSH_MAX = 500;
/** An ordered hook's result is written within this; its hook's next delivery waits on it. */
const ORDERED_FLUSH_DELAY_MS = 2;
/** After a failed write, the wait before the next try (the database is likely away). */
const RETRY_WRITE_MS = 250;

export interface ResultWriterSettings {
  /** Results are written at most this long after the first of a batch was added. */
  flushDelayMs: number;
  failingDisableMs?: number;
}

/** What the writer tells its owner. Every callback is optional. */
export interface ResultWriterEvents {
  /**
   * A batch of results is done with: written, or its leases lost to another worker (`outcome`
   * counts what was written). `urgent` says which were added as urgent (an ordered hook's).
   */
  written?(batch: AttemptResult[], outcome: RecordOutcome, urgent: (result: AttemptResult) => boolean): void;
  /** Leases handed back. */
  released?(leases: HeldLease[]): void;
  /** Whether the owner still holds a lease: a release whose write failed is tried again only then. */
  holds?(lease: HeldLease): boolean;
  /** After each write, done or failed. */
  flushed?(): void;
}

/** Counters; the engine passes its own stats object so that they add up there. */
export interface ResultWriterStats {
  recorded: number;
  flushes: number;
  flushMs: number;
  released: number;
}

export class ResultWriter {
  /**
   * False writes every result at once (a cron pass, a stopping engine); true lets them gather for
   * up to `flushDelayMs`.
   */
  batching = false;
  readonly stats: ResultWriterStats;
  private readonly db: Kysely<DB>;
  private readonly settings: Required<ResultWriterSettings>;
  private readonly events: ResultWriterEvents;
  private releases: HeldLease[] = [];
  private results: AttemptResult[] = [];
  /**
   * Per hook, results answered but not yet written (queued or being flushed): their leases are
   * still live in the table, but they no longer hold a connection, so the per-hook limit must not
   * count them.
   */
  private readonly answered = new Map<string, number>();
  private flushing: Promise<void> | undefined;
  private flushTimer: NodeJS.Timeout | undefined;
  private flushTimerAt = Number.POSITIVE_INFINITY;
  /** Results of ordered hooks, and how many wait unwritten: their hooks' next deliveries wait on them. */
  private readonly urgent = new WeakSet<AttemptResult>();
  private urgentWaiting = 0;

  constructor(
    db: Kysely<DB>,
    settings: ResultWriterSettings,
    events: ResultWriterEvents = {},
    stats: ResultWriterStats = { recorded: 0, flushes: 0, flushMs: 0, released: 0 },
  ) {
    this.db = db;
    this.settings = { failingDisableMs: FAILING_DISABLE_MS, ...settings };
    this.events = events;
    this.stats = stats;
  }

  /** Queues a finished attempt; `urgent` for an ordered hook's, whose next delivery waits on it. */
  addResult(result: AttemptResult, urgent: boolean): void {
    recordAttempt(result);
    this.results.push(result);
    this.answered.set(result.hookId, (this.answered.get(result.hookId) ?? 0) + 1);
    if (urgent) {
      this.urgent.add(result);
      this.urgentWaiting += 1;
    }
    this.scheduleFlush();
  }

  /** Queues a lease to hand back: its delivery was never sent. */
  addRelease(lease: HeldLease): void {
    recordHandedBack();
    this.releases.push(lease);
    this.scheduleFlush();
  }

  /** Per hook, the results answered but not yet written. */
  answeredByHook(): Record<string, number> {
    return Object.fromEntries(this.answered);
  }

  /** Writes what is queued now, waiting for a write already under way first. */
  async flushAll(): Promise<void> {
    let rounds = 0;
    while ((this.results.length > 0 || this.releases.length > 0 || this.flushing) && rounds < 40) {
      rounds += 1;
      if (this.flushing) await this.flushing;
      else await this.flush();
    }
  }

  /** Arms the flush timer for the most urgent result waiting (or flushes a full batch now). */
  private scheduleFlush(): void {
    if (this.results.length === 0 && this.releases.length === 0) return;
    if (this.results.length >= FLUSH_MAX || !this.batching) {
      void this.flush();
      return;
    }
    const at =
      performance.now() + (this.urgentWaiting > 0 ? ORDERED_FLUSH_DELAY_MS : this.settings.flushDelayMs);
    if (this.flushTimer && this.flushTimerAt <= at) return;
    if (this.flushTimer) clearTimeout(this.flushTimer);
    this.flushTimerAt = at;
    this.flushTimer = setTimeout(() => void this.flush(), Math.max(0, at - performance.now()));
  }

  private async flush(): Promise<void> {
    if (this.flushTimer) {
      clearTimeout(this.flushTimer);
      this.flushTimer = undefined;
      this.flushTimerAt = Number.POSITIVE_INFINITY;
    }
    if (this.flushing) return;
    if (this.results.length === 0 && this.releases.length === 0) return;
    const batch = this.results.splice(0, FLUSH_MAX);
    const releases = this.releases.splice(0);
    let urgentInBatch = 0;
    for (const result of batch) if (this.urgent.has(result)) urgentInBatch += 1;
    this.urgentWaiting -= urgentInBatch;
    this.flushing = (async () => {
      const started = performance.now();
      let released = false;
      try {
        if (releases.length > 0) {
          this.stats.released += await releaseLeases(this.db, releases);
          released = true;
          this.events.released?.(releases);
          if (batch.length === 0) return;
        }
        const outcome = await recordResults(this.db, batch, this.settings.failingDisableMs);
        this.stats.flushMs += performance.now() - started;
        this.stats.recorded += outcome.recorded;
        for (const result of batch) {
          const left = (this.answered.get(result.hookId) ?? 0) - 1;
          if (left > 0) this.answered.set(result.hookId, left);
          else this.answered.delete(result.hookId);
        }
        this.stats.flushes += 1;
        // Written, or their leases lost to another worker: either way no longer ours.
        this.events.written?.(batch, outcome, (result) => this.urgent.has(result));
        for (const hookId of outcome.goneHooks) logger("delivery").info({ hookId }, "hook answered 410 Gone");
        for (const hookId of outcome.disabledHooks) {
          logger("delivery").warn({ hookId }, "hook disabled after five days of failures");
        }
      } catch (error) {
        // The leases are still ours: put the results back and try again shortly.
        warnUnlessUnavailable("[delivery] writing results failed (retrying)", error);
        this.results.unshift(...batch);
        if (!released) {
          for (const release of releases)
            if (this.events.holds?.(release) ?? true) this.releases.push(release);
        }
        this.urgentWaiting += urgentInBatch;
        await new Promise((resolve) => setTimeout(resolve, RETRY_WRITE_MS));
      }
    })();
    await this.flushing;
    this.flushing = undefined;
    this.events.flushed?.();
    this.scheduleFlush();
  }
}
