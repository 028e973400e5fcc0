import { describe, expect, it } from "vitest";
import { formatAbsolute, formatClock } from "./time-zone";

describe("absolute times", () => {
  const iso = "2026-12-05T13:04:05.000Z";

  it("read in 24 h with the zone named, in the admin's zone", () => {
    expect(formatAbsolute(iso, "UTC")).toBe("5 Dec 2026, 13:04:05 UTC");
    expect(formatAbsolute(iso, "America/New_York")).toBe("5 Dec 2026, 08:04:05 GMT-5");
    expect(formatAbsolute(iso, "Asia/Kolkata")).toBe("5 Dec 2026, 18:34:05 GMT+5:30");
    expect(formatAbsolute("2026-12-05T00:30:00.000Z", "UTC")).toBe("5 Dec 2026, 00:30:00 UTC");
  });

  it("give the clock alone where the day is plain", () => {
    expect(formatClock(iso, "Europe/Berlin")).toBe("14:04:05 CET");
  });
});
