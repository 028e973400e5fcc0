// ISO 8601 timestamps for the delivery engine's result batches, which format several per delivery
// (started, finished, the rollup minute, the hook's last delivery) at thousands of deliveries a
// second. Date#toISOString costs ~0.4 µs each; the timestamps of one batch fall within a few
// seconds, so the second is formatted once and only the milliseconds added.

let cachedSecond = Number.NaN;
let cachedPrefix = "";

/** Exactly `new Date(ms).toISOString()` for an integer `ms` in years 0000–9999. */
export function isoString(ms: number): string {
  const second = Math.floor(ms / 1000);
  if (second !== cachedSecond) {
    cachedSecond = second;
    cachedPrefix = new Date(second * 1000).toISOString().slice(0, 20); // "2026-11-28T10:53:25."
  }
  const millis = ms - second * 1000;
  return `${cachedPrefix}${millis < 10 ? "00" : millis < 100 ? "0" : ""}${millis}Z`;
}
