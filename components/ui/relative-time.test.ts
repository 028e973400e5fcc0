import { describe, expect, it } from "vitest";
import { formatRelative } from "./relative-time";

describe("formatRelative", () => {
  const now = Date.UTC(2026, 10, 28, 12, 0, 0);
  const at = (seconds: number) => new Date(now + seconds * 1000);

  it("says 'just now' for the last moments, and 'in under a minute' for the next ones", () => {
    expect(formatRelative(at(-10), now)).toBe("just now");
    expect(formatRelative(at(0), now)).toBe("just now");
    expect(formatRelative(at(5), now)).toBe("in under a minute");
  });

  it("counts minutes and hours either way beyond that", () => {
    expect(formatRelative(at(-300), now)).toBe("5 minutes ago");
    expect(formatRelative(at(300), now)).toBe("in 5 minutes");
    expect(formatRelative(at(2 * 3600), now)).toBe("in 2 hours");
  });
});
