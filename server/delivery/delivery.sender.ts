// One HTTP attempt: POST through the guarded keep-alive Agent, a hard deadline, and at most
// MAX_RESPONSE_BYTES of the answer kept. Never throws: every outcome becomes an AttemptOutcome.
import { EventEmitter } from "node:events";
import type { Agent } from "undici";
import { classifyOutboundFailure, readCappedBody } from "@/server/outbound/response";

export interface AttemptOutcome {
  startedAt: Date;
  durationMs: number;
  statusCode: number | null;
  error: string | null;
  responseHeaders: Record<string, string> | null;
  responseBody: string | null;
  /** Cut off by its Cancellation (the engine stopping): no answer to judge the receiver by. */
  cancelled?: true;
}

/**
 * Lets its owner cut off every attempt it was handed that is still waiting for its answer: a
 * stopping engine whose grace period ran out.
 */
export class Cancellation {
  cancelled = false;
  readonly live = new Set<Deadline>();

  cancel(): void {
    this.cancelled = true;
    for (const deadline of this.live) deadline.abort(true);
  }
}

/**
 * POSTs once. The deadline runs from here: callers make sure a connection is free (the engine's
 * OriginSlots), so no part of it is spent queued behind other requests.
 */
export async function postOnce(
  agent: Agent,
  target: string,
  headers: Record<string, string>,
  body: string,
  timeoutMs: number,
  cancellation?: Cancellation,
): Promise<AttemptOutcome> {
  const startedAt = new Date();
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  const url = parseTarget(target);
  if (!url) return failure(startedAt, 0, "invalid_url: the target URL cannot be parsed");
  if (cancellation?.cancelled) return cancelled(startedAt, 0);
  const deadline = deadlines.add(timeoutMs);
  cancellation?.live.add(deadline);
  try {
    const response = await agent.request({
      origin: url.origin,
      path: url.path,
      method: "POST",
      headers,
      body,
      signal: deadline,
      headersTimeout: timeoutMs,
      bodyTimeout: timeoutMs,
    });
    const responseBody = await readCappedBody(response.body);
    return {
      startedAt,
      durationMs: elapsed(),
      statusCode: response.statusCode,
      error: null,
      responseHeaders: flattenHeaders(response.headers),
      responseBody,
    };
  } catch (error) {
    if (deadline.cancelled) return cancelled(startedAt, elapsed());
    return failure(startedAt, elapsed(), describeError(error, deadline.aborted, timeoutMs));
  } finally {
    deadlines.delete(deadline);
    cancellation?.live.delete(deadline);
  }
}

/** The origin a target is sent to (undici keeps one pool per origin), or null when it can't be parsed. */
export function targetOrigin(target: string): string | null {
  return parseTarget(target)?.origin ?? null;
}

const parsedTargets = new Map<string, { origin: string; path: string } | null>();

/** A target's origin and path, parsed once: every delivery to a hook goes to the same URL. */
function parseTarget(target: string): { origin: string; path: string } | null {
  let parsed = parsedTargets.get(target);
  if (parsed === undefined) {
    try {
      const url = new URL(target);
      parsed = { origin: url.origin, path: `${url.pathname}${url.search}` };
    } catch {
      parsed = null;
    }
    // Bounded: hooks come and go over a long-running process's life.
    if (parsedTargets.size >= 10_000) parsedTargets.clear();
    parsedTargets.set(target, parsed);
  }
  return parsed;
}

/**
 * One attempt's hard deadline, and the abort signal undici listens to: undici takes an
 * EventEmitter for one, which costs a fraction of an AbortController's EventTarget per send.
 */
class Deadline extends EventEmitter {
  aborted = false;
  cancelled = false;
  reason: unknown;

  constructor(readonly at: number) {
    super();
  }

  abort(cancelled = false): void {
    if (this.aborted) return;
    this.aborted = true;
    this.cancelled = cancelled;
    this.reason = cancelled
      ? new DOMException("The attempt was cancelled", "AbortError")
      : new DOMException("The operation was aborted due to timeout", "TimeoutError");
    this.emit("abort");
  }
}

/**
 * The hard deadlines of every in-flight attempt behind one timer, armed for the earliest: an
 * `AbortSignal.timeout` per request costs a timer, an AbortController and its listeners on every
 * send, which at thousands of sends per second shows in a profile.
 */
class Deadlines {
  private readonly pending = new Set<Deadline>();
  private timer: NodeJS.Timeout | undefined;
  private timerAt = Number.POSITIVE_INFINITY;

  add(timeoutMs: number): Deadline {
    const deadline = new Deadline(performance.now() + timeoutMs);
    this.pending.add(deadline);
    if (deadline.at < this.timerAt) this.arm(deadline.at);
    return deadline;
  }

  delete(deadline: Deadline): void {
    this.pending.delete(deadline);
    if (this.pending.size === 0 && this.timer) {
      clearTimeout(this.timer);
      this.timer = undefined;
      this.timerAt = Number.POSITIVE_INFINITY;
    }
  }

  private arm(at: number): void {
    if (this.timer) clearTimeout(this.timer);
    this.timerAt = at;
    this.timer = setTimeout(() => this.fire(), Math.max(0, at - performance.now()));
    // Like AbortSignal.timeout's: an in-flight request keeps the process alive, not its deadline.
    this.timer.unref();
  }

  private fire(): void {
    this.timer = undefined;
    this.timerAt = Number.POSITIVE_INFINITY;
    const now = performance.now();
    let next = Number.POSITIVE_INFINITY;
    for (const deadline of this.pending) {
      if (deadline.at <= now) {
        this.pending.delete(deadline);
        deadline.abort();
      } else if (deadline.at < next) {
        next = deadline.at;
      }
    }
    if (next !== Number.POSITIVE_INFINITY) this.arm(next);
  }
}

const deadlines = new Deadlines();

function failure(startedAt: Date, durationMs: number, error: string): AttemptOutcome {
  return { startedAt, durationMs, statusCode: null, error, responseHeaders: null, responseBody: null };
}

function cancelled(startedAt: Date, durationMs: number): AttemptOutcome {
  return { ...failure(startedAt, durationMs, "cancelled: cut off before the answer came"), cancelled: true };
}

function flattenHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  // Usually every value is already one string (undici's object is fresh per response): keep it.
  let flatAlready = true;
  for (const name in headers) {
    if (typeof headers[name] !== "string") {
      flatAlready = false;
      break;
    }
  }
  if (flatAlready) return headers as Record<string, string>;
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    flat[name] = Array.isArray(value) ? value.join(", ") : value;
  }
  return flat;
}

function describeError(error: unknown, timedOut: boolean, timeoutMs: number): string {
  const failure = classifyOutboundFailure(error, timedOut);
  if (failure.kind === "timeout") return `timeout: no complete answer within ${timeoutMs / 1000} s`;
  return failure.code ? `${failure.code}: ${failure.message}` : failure.message;
}
