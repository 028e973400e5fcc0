import { describe, expect, it } from "vitest";
import { DEFAULT_RETRY_SCHEDULE } from "@/server/config/schema";
import { decideAfterAttempt, nextRetryDelay, parseRetryAfter } from "./retry-policy";

describe("retry policy", () => {
  it("follows 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h, then gives up", () => {
    const mid = () => 0.5;
    const delays = DEFAULT_RETRY_SCHEDULE.map((_, i) =>
      nextRetryDelay(i + 1, undefined, DEFAULT_RETRY_SCHEDULE, mid),
    );
    expect(delays).toEqual([5_000, 300_000, 1_800_000, 7_200_000, 18_000_000, 36_000_000, 36_000_000]);
    expect(nextRetryDelay(8, undefined, DEFAULT_RETRY_SCHEDULE, mid)).toBeNull();
  });

  it("jitters by at most 20 % either way", () => {
    expect(nextRetryDelay(1, undefined, [5], () => 0)).toBe(4_000);
    expect(nextRetryDelay(1, undefined, [5], () => 0.999999)).toBe(6_000);
  });

  it("lets Retry-After delay further but never beyond twice the step, and never sooner", () => {
    expect(nextRetryDelay(1, 8_000, [5], () => 0.5)).toBe(8_000);
    expect(nextRetryDelay(1, 60_000, [5], () => 0.5)).toBe(10_000);
    expect(nextRetryDelay(1, 1_000, [5], () => 0.5)).toBe(5_000);
  });

  it("reads Retry-After as seconds or as an HTTP date", () => {
    const now = Date.parse("2026-11-28T10:00:00.000Z");
    expect(parseRetryAfter("7", now)).toBe(7_000);
    expect(parseRetryAfter("Sat, 28 Nov 2026 10:00:30 GMT", now)).toBe(30_000);
    expect(parseRetryAfter("Sat, 28 Nov 2026 09:00:00 GMT", now)).toBeUndefined();
    expect(parseRetryAfter("soon", now)).toBeUndefined();
    expect(parseRetryAfter(undefined, now)).toBeUndefined();
  });

  describe("after an attempt", () => {
    const now = Date.parse("2026-11-28T10:00:00.000Z");
    const mid = () => 0.5;
    const decide = (retryStep: number, statusCode: number | null, retryAfter?: string) =>
      decideAfterAttempt({ retryStep, statusCode, retryAfter }, now, [5, 60], mid);

    it("marks any 2xx delivered, keeping the step", () => {
      for (const code of [200, 201, 204, 299]) {
        expect(decide(1, code)).toEqual({
          status: "delivered",
          retryStep: 1,
          nextAttemptAt: null,
          gone: false,
        });
      }
    });

    it("fails a 410 at once and says the hook is gone", () => {
      expect(decide(0, 410)).toEqual({ status: "failed", retryStep: 1, nextAttemptAt: null, gone: true });
    });

    it("retries anything else — a 3xx, 4xx, 5xx or no answer at all — on the schedule", () => {
      for (const code of [301, 400, 429, 500, null]) {
        expect(decide(0, code)).toEqual({
          status: "pending",
          retryStep: 1,
          nextAttemptAt: new Date(now + 5_000),
          gone: false,
        });
      }
      expect(decide(1, 503).nextAttemptAt).toEqual(new Date(now + 60_000));
    });

    it("honours Retry-After up to twice the step", () => {
      expect(decide(0, 429, "8").nextAttemptAt).toEqual(new Date(now + 8_000));
      expect(decide(0, 429, "3600").nextAttemptAt).toEqual(new Date(now + 10_000));
    });

    it("fails the delivery once the schedule is spent", () => {
      expect(decide(2, 500)).toEqual({ status: "failed", retryStep: 3, nextAttemptAt: null, gone: false });
    });
  });
});
