// The engine's settings: a typed object with defaults, filled from the configuration (server/config)
// by default and from anything else (a test, a benchmark) as easily.
import { config } from "@/server/config/config";
import { BACKSTOP_CLAIM_MS } from "./claim-planner";
import { FAILING_DISABLE_MS } from "./result.queries";

export interface EngineConfig {
  /**
   * Deliveries one worker has in flight at most, not counting those out for over a second
   * (in-flight-sends.ts) — slow receivers' — of which it may have three times as many more. By
   * Little's law a fleet's slow receivers alone hold hundreds of sends: counted, they would take
   * every slot from the healthy hooks.
   */
  concurrency: number;
  /**
   * In-flight deliveries one unordered hook may have across all workers: on the wire, or waiting
   * in a worker for a connection of its origin (OriginSlots, which lets a hook hold only three
   * quarters of an origin's connections).
   */
  perHook: number;
  /** Connections per target origin (the per-target concurrency limit of this worker). */
  perOrigin: number;
  /** Most deliveries taken by one claim, and events by one fan-out. */
  batch: number;
  /**
   * How long a lease lasts unless renewed. The heartbeat renews every lease this worker still
   * needs, so this bounds how long a dead worker's deliveries wait for another, not how long a
   * send may take.
   */
  leaseMs: number;
  /** A send's deadline, from the moment it has a connection. */
  timeoutMs: number;
  /** How long a send may wait for a connection of its origin before its delivery is handed back. */
  connectionWaitMs: number;
  /** Backstop poll; a NOTIFY wakes the loop at once. */
  pollMs: number;
  /**
   * How often a pass that runs anyway (woken by a NOTIFY, a finished send) claims every hook's due
   * work with no signal asking for it (ClaimPlanner). Not configured: a test lengthens it to prove
   * that a signal, not this backstop, made a claim.
   */
  backstopClaimMs: number;
  /**
   * Results are written at most this long after the first of a batch finished. Nothing waits on
   * them but the admin's view (a delivery is on the receiver's side already), and larger batches
   * cost PostgreSQL less per result; an ordered hook's result, which its next delivery waits on,
   * is written within ORDERED_FLUSH_DELAY_MS.
   */
  flushDelayMs: number;
  failingDisableMs: number;
}

/** The settings actually given: a key present but undefined gives none. */
function given(settings: Partial<EngineConfig>): Partial<EngineConfig> {
  return Object.fromEntries(Object.entries(settings).filter(([, value]) => value !== undefined));
}

/** The defaults; `connectionWaitMs`, unless given, follows `timeoutMs`. */
export function engineConfig(settings: Partial<EngineConfig> = {}): EngineConfig {
  const timeoutMs = settings.timeoutMs ?? 15_000;
  return {
    concurrency: 512,
    perHook: 64,
    perOrigin: 64,
    batch: 512,
    leaseMs: 10_000,
    timeoutMs,
    connectionWaitMs: timeoutMs,
    pollMs: 1000,
    backstopClaimMs: BACKSTOP_CLAIM_MS,
    flushDelayMs: 25,
    failingDisableMs: FAILING_DISABLE_MS,
    ...given(settings),
  };
}

/** The configured settings (server/config), `overrides` winning. */
export function configuredEngine(overrides: Partial<EngineConfig> = {}): EngineConfig {
  return engineConfig({ ...given(config().delivery), ...given(overrides) });
}
