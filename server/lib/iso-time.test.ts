import { describe, expect, it } from "vitest";
import { isoString } from "./iso-time";

describe("isoString", () => {
  it("matches Date#toISOString at every millisecond width, across seconds and before 1970", () => {
    const base = Date.UTC(2026, 10, 28, 23, 59, 59, 0);
    const samples = [0, 1, 9, 10, 99, 100, 999, 1000, 1001, 61_000].flatMap((d) => [base + d, base - d]);
    samples.push(-1, -999, -1000, 0, Date.UTC(1969, 11, 31, 23, 59, 59, 5));
    for (let i = 0; i < 1000; i++) samples.push(Math.floor(Math.random() * 4e12));
    for (const ms of samples) expect(isoString(ms)).toBe(new Date(ms).toISOString());
  });
});
