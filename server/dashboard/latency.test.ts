import { describe, expect, it } from "vitest";
import { LATENCY_BUCKETS, latencyBucket } from "@/server/delivery/delivery.rollup";
import { addBuckets, emptyBuckets, estimatePercentile } from "./latency";

function histogram(durations: number[]): number[] {
  const buckets = emptyBuckets();
  for (const ms of durations) buckets[latencyBucket(ms)] = (buckets[latencyBucket(ms)] ?? 0) + 1;
  return buckets;
}

describe("estimatePercentile", () => {
  it("answers null for no data", () => {
    expect(estimatePercentile(emptyBuckets(), 0.5)).toBeNull();
  });

  it("lands within the bucket that holds the true percentile", () => {
    // 98 fast answers around 12 ms and two slow ones around 1.2 s.
    const durations = [...Array.from({ length: 98 }, () => 12), 1200, 1250];
    const buckets = histogram(durations);
    const p50 = estimatePercentile(buckets, 0.5) ?? 0;
    const p99 = estimatePercentile(buckets, 0.99) ?? 0;
    expect(p50).toBeGreaterThanOrEqual(10);
    expect(p50).toBeLessThan(15);
    expect(p99).toBeGreaterThanOrEqual(1000);
    expect(p99).toBeLessThan(1500);
  });

  it("merges histograms by adding them, so ranges can be combined", () => {
    const merged = addBuckets(histogram([5, 5, 5]), histogram([700, 700, 700]));
    expect(merged).toHaveLength(LATENCY_BUCKETS);
    expect(merged.reduce((a, b) => a + b, 0)).toBe(6);
    expect(estimatePercentile(merged, 0.25) ?? 0).toBeLessThan(7);
    expect(estimatePercentile(merged, 0.99) ?? 0).toBeGreaterThanOrEqual(700);
  });

  it("answers the open bucket's lower bound for the slowest answers", () => {
    expect(estimatePercentile(histogram([60_000]), 0.5)).toBe(30_000);
  });
});
