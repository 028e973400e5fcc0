// When a failed attempt is tried again: Svix's schedule with ±20 % jitter, stretched by Retry-After
// up to twice the step, and HOOKLINE_RETRY_SCHEDULE (comma-separated seconds) to override it.
import { config } from "@/server/config/config";

const JITTER = 0.2;

/** Seconds to wait after the 1st, 2nd, … failed attempt; after the last the delivery is failed. */
export function retrySchedule(): number[] {
  return config().retrySchedule;
}

/**
 * `Retry-After` in milliseconds from now: delta-seconds or an HTTP date. Undefined when absent or
 * unreadable, or when it asks for no delay at all.
 */
export function parseRetryAfter(value: string | undefined, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const text = value.trim();
  if (/^\d+$/.test(text)) {
    const ms = Number(text) * 1000;
    return ms > 0 ? ms : undefined;
  }
  const date = Date.parse(text);
  if (Number.isNaN(date)) return undefined;
  const ms = date - now;
  return ms > 0 ? ms : undefined;
}

/**
 * After the failed attempt number `failedSoFar` (1 = the first attempt of this round failed).
 * Retry-After may only push the attempt later, and never beyond twice the step.
 */
export function nextRetryDelay(
  failedSoFar: number,
  retryAfterMs: number | undefined,
  schedule: number[] = retrySchedule(),
  random: () => number = Math.random,
): number | null {
  const step = schedule[failedSoFar - 1];
  if (step === undefined) return null;
  const stepMs = step * 1000;
  const jittered = stepMs * (1 - JITTER + 2 * JITTER * random());
  if (retryAfterMs === undefined) return Math.round(jittered);
  return Math.round(Math.max(jittered, Math.min(retryAfterMs, 2 * stepMs)));
}

/** What a delivery becomes after one attempt. */
export interface RetryDecision {
  status: "pending" | "delivered" | "failed";
  /** Failed attempts so far in this round of the schedule. */
  retryStep: number;
  /** When to try again (status "pending"), else null. */
  nextAttemptAt: Date | null;
  /** The receiver answered 410 Gone: the hook is deleted or disabled. */
  gone: boolean;
}

/**
 * What a delivery becomes after one attempt: 2xx delivered; 410 failed and gone (the hook is
 * deleted or disabled); anything else — a timeout or refused connection included — retried on the
 * schedule (Retry-After honoured), or failed once the schedule is spent. `retryStep` is the
 * delivery's before this attempt; the clock, the schedule and the jitter's randomness are the
 * caller's to give.
 */
export function decideAfterAttempt(
  attempt: { retryStep: number; statusCode: number | null; retryAfter: string | undefined },
  now: number,
  schedule?: number[],
  random?: () => number,
): RetryDecision {
  const { retryStep, statusCode: code } = attempt;
  if (code !== null && code >= 200 && code < 300) {
    return { status: "delivered", retryStep, nextAttemptAt: null, gone: false };
  }
  if (code === 410) return { status: "failed", retryStep: retryStep + 1, nextAttemptAt: null, gone: true };
  const failedSoFar = retryStep + 1;
  const delay = nextRetryDelay(failedSoFar, parseRetryAfter(attempt.retryAfter, now), schedule, random);
  if (delay === null) return { status: "failed", retryStep: failedSoFar, nextAttemptAt: null, gone: false };
  return { status: "pending", retryStep: failedSoFar, nextAttemptAt: new Date(now + delay), gone: false };
}
