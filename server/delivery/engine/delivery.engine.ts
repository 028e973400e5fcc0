// The delivery loop: fan events out, claim due deliveries under a lease, send them in parallel
// through keep-alive pools, and write results back in batches. Three doors open onto it — the
// Next.js process, `npm run worker`, and the cron tick — and any number may run at once: the
// claim/lease protocol in claim.queries.ts and lease.queries.ts is what keeps them apart.

import type { Agent } from "undici";
import type { Db, OpenDatabase } from "@/db";
import { warnUnlessUnavailable } from "@/db/availability";
import { DELIVERIES_DUE, EVENTS_CHANNEL } from "@/server/events/event.outbox";
import { exhaustedEventId } from "@/server/events/operational-events";
import { randomBase62 } from "@/server/lib/ids";
import { logger } from "@/server/logging/logger";
import { createGuardedAgent } from "@/server/outbound/target-guard";
import { buildBody, buildHeaders, loggedBody } from "../delivery.payload";
import { type AttemptOutcome, Cancellation, postOnce, targetOrigin } from "../delivery.sender";
import { OriginSlots } from "../origin-slots";
import { decideAfterAttempt } from "../retry-policy";
import { ClaimPlanner } from "./claim-planner";
import type { ClaimedDelivery } from "./claimed-delivery";
import { configuredEngine, type EngineConfig } from "./engine.config";
import { fanOutAndClaim } from "./fan-out.queries";
import { InFlightSends } from "./in-flight-sends";
import { LeaseKeeper } from "./lease-keeper";
import type { AttemptResult } from "./result.queries";
import { ResultWriter } from "./result-writer";

export interface PassSummary {
  fannedOut: number;
  sent: number;
  recorded: number;
}

const BUSY_PASS_INTERVAL_MS = 50;
const PGLITE_WAKE_MS = 20;
/** In flight at most, long sends included, as a multiple of `concurrency`. */
const LONG_SENDS_FACTOR = 4;

export class DeliveryEngine {
  readonly config: EngineConfig;
  private readonly db: Db;
  private readonly opened: Pick<OpenDatabase, "kind" | "listen">;
  private readonly agent: Agent;
  private running = false;
  private loopDone: Promise<void> | undefined;
  private wakeUp: (() => void) | undefined;
  private wakeTimer: NodeJS.Timeout | undefined;
  private deferredPass: NodeJS.Timeout | undefined;
  private notifyWake: NodeJS.Timeout | undefined;
  private lastPassAt = 0;
  /** Results of ordered hooks were written: their next deliveries are due, and waited on. */
  private orderedFreed = false;
  private woken = false;
  private readonly inFlight = new InFlightSends();
  private longTimer: NodeJS.Timeout | undefined;
  private readonly sends = new Set<Promise<void>>();
  /** Each origin's connections, shared between its hooks; a send waits here, not in undici. */
  private readonly slots: OriginSlots;
  /** Cuts off sends still in flight when stop()'s grace period runs out. */
  private readonly cancellation = new Cancellation();
  /** Leases this worker holds, renewed by their heartbeat until written or handed back. */
  private readonly leases: LeaseKeeper;
  /** Results and releases, written behind (see ResultWriter). */
  private readonly writer: ResultWriter;
  private unlisten: (() => Promise<void>) | undefined;
  private lastNotifyAt = 0;
  private lastRelistenAt = 0;
  /**
   * Deliveries per fanned-out event lately: sizes the next fan-out to the room there is. Unknown
   * until a first, small fan-out has measured it (a guess would size the first fan-out of a
   * backlog far beyond the room, leaving nearly all of it to the claim).
   */
  private hooksPerEvent: number | undefined;
  /** Which hooks the next pass claims for. */
  private readonly claims: ClaimPlanner;
  /** Counters for the bench and the tick route. */
  readonly stats = {
    fannedOut: 0,
    sent: 0,
    recorded: 0,
    claims: 0,
    /** Deliveries leased by the fan-out that made them, and by a claim (each a further UPDATE). */
    leasedAtFanOut: 0,
    leasedByClaim: 0,
    flushes: 0,
    claimMs: 0,
    flushMs: 0,
    /** Lease renewals written by the heartbeat, and deliveries handed back unsent. */
    renewed: 0,
    released: 0,
  };

  constructor(opened: Pick<OpenDatabase, "db" | "kind" | "listen">, config: Partial<EngineConfig> = {}) {
    this.db = opened.db;
    this.opened = opened;
    this.config = configuredEngine(config);
    this.claims = new ClaimPlanner(this.config.backstopClaimMs);
    this.slots = new OriginSlots(this.config.perOrigin, this.config.connectionWaitMs);
    this.leases = new LeaseKeeper(this.db, this.config.leaseMs, this.stats);
    this.writer = new ResultWriter(
      this.db,
      { flushDelayMs: this.config.flushDelayMs, failingDisableMs: this.config.failingDisableMs },
      {
        written: (batch, _outcome, urgent) => this.resultsWritten(batch, urgent),
        released: (leases) => {
          for (const lease of leases) this.leases.forget(lease.id, lease.leaseId);
        },
        holds: (lease) => this.leases.holds(lease.id, lease.leaseId),
        // Freed ordered hooks and retries due at once are in `claims`. (Slots freed under a
        // backlog are the backlog cadence's: a claim after every flush as well mostly found no
        // rows, each planned and run all the same.)
        flushed: () => this.wake(),
      },
      this.stats,
    );
    this.agent = createGuardedAgent({
      connections: this.config.perOrigin,
      keepAliveTimeout: 30_000,
      headersTimeout: this.config.timeoutMs,
      bodyTimeout: this.config.timeoutMs,
    });
  }

  /** Starts the background loop (in-process or the standalone worker). */
  async start(): Promise<void> {
    if (this.running) return;
    this.running = true;
    this.writer.batching = true;
    await this.listen();
    this.loopDone = this.loop();
  }

  /**
   * Stops claiming; hands back at once the deliveries still waiting for a connection; lets the
   * sends on the wire finish for up to `graceMs` (by default as long as they take), then cuts off
   * the rest and hands them back too — neither counted as an attempt; writes every result and
   * release; closes the connections.
   */
  async stop(options: { graceMs?: number } = {}): Promise<void> {
    if (!this.running) return;
    this.running = false;
    this.writer.batching = false;
    this.wake();
    await this.loopDone;
    this.slots.drain();
    const sends = Promise.allSettled([...this.sends]);
    const graceMs = options.graceMs ?? Number.POSITIVE_INFINITY;
    let graceTimer: NodeJS.Timeout | undefined;
    const graceOver =
      graceMs === Number.POSITIVE_INFINITY
        ? undefined
        : new Promise<"over">((resolve) => {
            graceTimer = setTimeout(() => resolve("over"), Math.max(0, graceMs));
          });
    if ((await Promise.race(graceOver ? [sends, graceOver] : [sends])) === "over") {
      this.cancellation.cancel();
      await sends;
    }
    clearTimeout(graceTimer);
    await this.flushAll();
    clearTimeout(this.deferredPass);
    clearTimeout(this.notifyWake);
    clearTimeout(this.longTimer);
    this.leases.stop();
    await this.unlisten?.().catch(() => {});
    await this.closeAgent();
  }

  /**
   * One bounded pass for the cron door: fan out, then claim and send until nothing is due or the
   * budget is spent, and write every result before returning.
   */
  async runOnce(budgetMs = 20_000): Promise<PassSummary> {
    const before = { ...this.stats };
    const deadline = Date.now() + budgetMs;
    while (Date.now() < deadline) {
      const pass = await this.pass();
      await Promise.allSettled([...this.sends]);
      await this.flushAll();
      if (!pass.more && pass.claimed === 0) break;
    }
    return {
      fannedOut: this.stats.fannedOut - before.fannedOut,
      sent: this.stats.sent - before.sent,
      recorded: this.stats.recorded - before.recorded,
    };
  }

  /** Closes the pools of a runOnce-only engine. */
  async close(): Promise<void> {
    if (this.running) return this.stop();
    await this.flushAll();
    this.leases.stop();
    await this.closeAgent();
  }

  private async closeAgent(): Promise<void> {
    // undici's close() waits for requests it still counts as running, which an attempt cut off
    // by its signal may be; nothing of ours waits on them any more.
    if (this.cancellation.cancelled) await this.agent.destroy().catch(() => {});
    else await this.agent.close().catch(() => {});
  }

  private async listen(): Promise<void> {
    if (!this.opened.listen) return;
    try {
      const previous = this.unlisten;
      this.unlisten = await this.opened.listen(EVENTS_CHANNEL, (payload) => {
        this.lastNotifyAt = Date.now();
        if (payload === DELIVERIES_DUE) this.claims.claimAll();
        this.wakeSoon();
      });
      this.lastRelistenAt = Date.now();
      await previous?.().catch(() => {});
    } catch (error) {
      warnUnlessUnavailable("[delivery] LISTEN failed, polling only", error);
    }
  }

  /**
   * A NOTIFY's wake-up. On PostgreSQL at once. PGlite runs every statement — the app's commits,
   * the passes, the result writes — on its one session: a pass per NOTIFY starved the rest there,
   * so its NOTIFYs are gathered into one pass at most every PGLITE_WAKE_MS.
   */
  private wakeSoon(): void {
    if (this.notifyWake) return;
    const wait = this.opened.kind === "pglite" ? this.lastPassAt + PGLITE_WAKE_MS - performance.now() : 0;
    if (wait <= 0) {
      this.wake();
      return;
    }
    this.notifyWake = setTimeout(() => {
      this.notifyWake = undefined;
      this.wake();
    }, wait);
    this.notifyWake.unref?.();
  }

  private wake(): void {
    this.woken = true;
    this.wakeUp?.();
  }

  private sleep(ms: number): Promise<void> {
    if (this.woken || !this.running) return Promise.resolve();
    return new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.wakeUp = undefined;
        resolve();
      };
      const timer = setTimeout(() => {
        this.claims.claimAll();
        done();
      }, ms);
      this.wakeUp = done;
    });
  }

  /** Wakes the loop when a retry scheduled by this worker comes due (sooner than the poll). */
  private wakeAt(at: Date): void {
    const ms = at.getTime() - Date.now();
    if (ms >= this.config.pollMs) return;
    if (this.wakeTimer) clearTimeout(this.wakeTimer);
    this.wakeTimer = setTimeout(() => {
      this.claims.claimAll();
      this.wake();
    }, Math.max(0, ms) + 5);
    this.wakeTimer.unref?.();
  }

  private async loop(): Promise<void> {
    let failures = 0;
    while (this.running) {
      this.woken = false;
      let busy = false;
      try {
        const pass = await this.pass();
        busy = pass.more;
        failures = 0;
        // Work found without a NOTIFY having announced it: the LISTEN connection may be gone.
        if (pass.fanned > 0 && Date.now() - this.lastNotifyAt > this.config.pollMs && this.opened.listen) {
          if (Date.now() - this.lastRelistenAt > 5_000) await this.listen();
        }
      } catch (error) {
        failures += 1;
        warnUnlessUnavailable("[delivery] loop error (retrying)", error);
        await this.sleep(Math.min(5_000, 100 * 2 ** Math.min(failures, 6)));
        continue;
      }
      if (busy && this.inFlight.busy <= this.config.concurrency / 2) continue;
      await this.sleep(this.config.pollMs);
    }
  }

  /**
   * Fans out and claims in one transaction. `more` says whether to go again at once: the fan-out
   * or the claim came back full, so more work is probably waiting.
   */
  private async pass(): Promise<{ fanned: number; claimed: number; more: boolean }> {
    const started = performance.now();
    this.inFlight.countLong(started);
    const wanted = Math.min(
      this.config.concurrency - this.inFlight.busy,
      this.config.concurrency * LONG_SENDS_FACTOR - this.inFlight.all,
      this.config.batch,
    );
    if (wanted <= 0) {
      // At capacity: the events wait in the outbox until there is room, and are then fanned out
      // already leased. Fanning them out now (as this once did) turned a backlog into pending rows
      // that each cost a claim UPDATE later. They could not be sent any sooner; another worker with
      // room fans them out meanwhile. Room comes back as sends finish (dispatch wakes the loop) or
      // turn long, which nothing else announces.
      this.wakeWhenLong();
      return { fanned: 0, claimed: 0, more: false };
    }
    const sinceLastPass = performance.now() - this.lastPassAt;
    if (
      this.inFlight.busy > this.config.concurrency / 2 &&
      sinceLastPass < BUSY_PASS_INTERVAL_MS &&
      !this.orderedFreed
    ) {
      // More than half full, and a pass ran moments ago: the sends already queued keep every
      // connection busy, and a pass now would fetch a sliver of work for the same statements
      // (parsed, planned, run); waiting, a backlog takes fewer, fuller passes. So wait: for the
      // in-flight count to fall to half (dispatch wakes the loop) or, when slow receivers hold the
      // slots, for the interval to pass. An ordered hook's next delivery, which waits on this
      // pass, does not wait.
      if (!this.deferredPass) {
        this.deferredPass = setTimeout(() => {
          this.deferredPass = undefined;
          this.wake();
        }, BUSY_PASS_INTERVAL_MS - sinceLastPass);
        this.deferredPass.unref?.();
      }
      return { fanned: 0, claimed: 0, more: false };
    }
    clearTimeout(this.deferredPass);
    this.deferredPass = undefined;
    this.lastPassAt = performance.now();
    this.orderedFreed = false;
    // Fan out as many events as there is room to send, and no more: their deliveries are then
    // leased by the fan-out itself, and the rest of the outbox waits as events rather than as
    // pending rows that a later claim would have to update once more. Rounded down: rounded up,
    // nearly every pass left a few deliveries over the room, and each pass then ran a claim
    // statement (parsed and planned afresh) to pick up those few.
    const fanOutLimit =
      this.hooksPerEvent === undefined
        ? Math.min(8, wanted)
        : Math.max(1, Math.min(this.config.batch, Math.floor(wanted / this.hooksPerEvent)));
    // The claim is skipped while nothing suggests due work (see ClaimPlanner): a NOTIFY for a new
    // event then costs one statement before the POST.
    const now = Date.now();
    const claimFor = this.claims.scope(now);
    const { fanOut, claimed } = await fanOutAndClaim(this.db, fanOutLimit, {
      limit: wanted,
      leaseId: randomBase62(16),
      leaseMs: this.config.leaseMs,
      perHook: this.config.perHook,
      answered: this.writer.answeredByHook(),
      skip: claimFor === null,
      hookIds: claimFor ?? undefined,
    });
    const fromClaim = claimed.length - (fanOut.deliveries - fanOut.unleased);
    // A backlog, retries, or new deliveries the fan-out could not send: claim those hooks again
    // next pass, and while their backlog lasts.
    for (const delivery of claimed.slice(0, fromClaim)) this.claims.sawDueWork(delivery.hookId, now);
    for (const hookId of fanOut.unleasedHooks) this.claims.sawDueWork(hookId, now);
    if (fanOut.events > 0) {
      const perEvent = Math.max(1, fanOut.deliveries / fanOut.events);
      this.hooksPerEvent =
        fanOut.events >= 8 || this.hooksPerEvent === undefined
          ? perEvent
          : (this.hooksPerEvent + perEvent) / 2;
    }
    this.stats.fannedOut += fanOut.events;
    this.stats.claims += 1;
    this.stats.leasedAtFanOut += claimed.length - fromClaim;
    this.stats.leasedByClaim += fromClaim;
    this.stats.claimMs += performance.now() - started;
    for (const delivery of claimed) this.dispatch(delivery, started);
    return {
      fanned: fanOut.events,
      claimed: claimed.length,
      more: (fanOut.limit > 0 && fanOut.events === fanOut.limit) || claimed.length === wanted,
    };
  }

  /**
   * Sends one leased delivery: at once when its origin has a connection for its hook, else when
   * one frees up (OriginSlots). One that never gets a connection is handed back unsent.
   */
  private dispatch(delivery: ClaimedDelivery, leasedAt: number): void {
    const ticket = this.inFlight.start(leasedAt);
    this.leases.hold(delivery.id, delivery.leaseId, leasedAt);
    const origin = targetOrigin(delivery.hook.targetUrl);
    const slot = origin === null ? true : this.slots.take(origin, delivery.hookId);
    const sent =
      slot === true
        ? this.send(delivery, origin)
        : slot.then((got) => (got ? this.send(delivery, origin) : ("unsent" as const)));
    const send = sent
      .then((result) => {
        if (result === "unsent") this.writer.addRelease({ id: delivery.id, leaseId: delivery.leaseId });
        else if (result !== "lost") this.addResult(result, delivery.ordered);
      })
      .catch((error: unknown) => {
        // No longer renewed, the lease runs out and another attempt follows; nothing is lost.
        this.leases.forget(delivery.id, delivery.leaseId);
        logger("delivery").error({ err: error, deliveryId: delivery.id }, "send crashed");
      })
      .finally(() => {
        this.sends.delete(send);
        // At full capacity the loop waits for half of it back: fewer, larger claims.
        if (this.inFlight.finish(ticket) && this.inFlight.busy === Math.floor(this.config.concurrency / 2)) {
          this.wake();
        }
      });
    this.sends.add(send);
  }

  /** Wakes the loop when the oldest busy send turns long (and so frees a slot). */
  private wakeWhenLong(): void {
    const longAt = this.inFlight.nextLongAt();
    if (longAt === undefined || this.longTimer) return;
    this.longTimer = setTimeout(
      () => {
        this.longTimer = undefined;
        this.wake();
      },
      Math.max(0, longAt - performance.now()) + 1,
    );
    this.longTimer.unref();
  }

  /**
   * One attempt, on a connection of its origin (`origin`'s slot is released here). "unsent" when
   * stop() cut it off: handed back, not judged; "lost" when its lease was lost while it waited
   * for the connection (see LeaseKeeper): another worker has it, or nobody should.
   */
  private async send(
    delivery: ClaimedDelivery,
    origin: string | null,
  ): Promise<AttemptResult | "unsent" | "lost"> {
    let outcome: AttemptOutcome;
    let headers: Record<string, string>;
    let body: string;
    try {
      if (!this.leases.holds(delivery.id, delivery.leaseId)) return "lost";
      body = buildBody(delivery);
      headers = buildHeaders(delivery, body, new Date());
      outcome = await postOnce(
        this.agent,
        delivery.hook.targetUrl,
        headers,
        body,
        this.config.timeoutMs,
        this.cancellation,
      );
    } finally {
      if (origin !== null) this.slots.release(origin, delivery.hookId);
    }
    if (outcome.cancelled) return "unsent";
    const logged = loggedBody(delivery, body);
    const { status, retryStep, nextAttemptAt, gone } = decideAfterAttempt(
      {
        retryStep: delivery.retryStep,
        statusCode: outcome.statusCode,
        retryAfter: outcome.responseHeaders?.["retry-after"],
      },
      Date.now(),
    );
    return {
      deliveryId: delivery.id,
      hookId: delivery.hookId,
      leaseId: delivery.leaseId,
      status,
      retryStep,
      nextAttemptAt,
      gone,
      startedAt: outcome.startedAt,
      finishedAt: new Date(outcome.startedAt.getTime() + outcome.durationMs),
      durationMs: outcome.durationMs,
      statusCode: outcome.statusCode,
      error: outcome.error,
      requestHeaders: headers,
      requestBody: logged.body,
      requestDataFromEvent: logged.dataFromEvent,
      responseHeaders: outcome.responseHeaders,
      responseBody: outcome.responseBody,
      exhaustedEventId: exhaustedEventId({ status, gone, eventType: delivery.event.type }),
    };
  }

  private addResult(result: AttemptResult, ordered: boolean): void {
    this.stats.sent += 1;
    if (result.nextAttemptAt) this.wakeAt(result.nextAttemptAt);
    this.writer.addResult(result, ordered);
  }

  /** A batch of results is written (or its leases were lost): see ResultWriterEvents.written. */
  private resultsWritten(batch: AttemptResult[], urgent: (result: AttemptResult) => boolean): void {
    let anyUrgent = false;
    // Written, an ordered hook's result makes its next delivery due, and a retry due at once
    // is due: claim those hooks. A later retry comes due by wakeAt, the poll or the backstop
    // claim; claiming after every failure's flush would mostly claim for nothing.
    const now = Date.now();
    for (const result of batch) {
      this.leases.forget(result.deliveryId, result.leaseId);
      const isUrgent = urgent(result);
      if (isUrgent) anyUrgent = true;
      if (isUrgent || (result.nextAttemptAt && result.nextAttemptAt.getTime() <= now)) {
        this.claims.claimHook(result.hookId);
      }
    }
    if (anyUrgent) this.orderedFreed = true;
  }

  private flushAll(): Promise<void> {
    return this.writer.flushAll();
  }
}
