// Percentiles from merged latency histograms: rollups keep counts per fixed log-scale bucket, which
// add up across minutes and hooks, so any range's p50/p99 is an estimate within one bucket's width.
import { LATENCY_BOUNDS_MS, LATENCY_BUCKETS } from "@/server/delivery/delivery.rollup";

export function emptyBuckets(): number[] {
  return new Array<number>(LATENCY_BUCKETS).fill(0);
}

export function addBuckets(into: number[], from: readonly number[]): number[] {
  for (let i = 0; i < LATENCY_BUCKETS; i++) into[i] = (into[i] ?? 0) + (from[i] ?? 0);
  return into;
}

/**
 * The p-th percentile (0 < p < 1) in ms, interpolated linearly inside the bucket it falls in; the
 * open-ended last bucket answers its lower bound. Null when there is nothing to measure.
 */
export function estimatePercentile(buckets: readonly number[], p: number): number | null {
  const total = buckets.reduce((sum, n) => sum + n, 0);
  if (total === 0) return null;
  const rank = p * total;
  let seen = 0;
  for (let i = 0; i < LATENCY_BUCKETS; i++) {
    const n = buckets[i] ?? 0;
    if (n === 0) continue;
    if (seen + n >= rank) {
      const lower = i === 0 ? 0 : (LATENCY_BOUNDS_MS[i - 1] as number);
      const upper = LATENCY_BOUNDS_MS[i];
      if (upper === undefined) return lower;
      const within = (rank - seen) / n;
      return Math.round((lower + (upper - lower) * within) * 10) / 10;
    }
    seen += n;
  }
  return LATENCY_BOUNDS_MS.at(-1) ?? null;
}
