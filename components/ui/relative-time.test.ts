import { describe, expect, it } from "vitest";
import { formatRelative } from "./relative-time";

describe("formatRelative", () => {
  const now = Date.UTC(2026, 10, 28, 12, 0, 0);
  const at = (seconds: number) => new Date(now + seconds * 1000);

  it("says 'just now' for the last moments, and 'in under a minute' for the next ones", () => {
    expect(formatRelative(at(-10), now)).toBe("just now");
    expect(formatRelative(at(0), now)).toBe("just now");
    expect(formatRelative(at(5), now, { ahead: true })).toBe("in under a minute");
  });

  it("never puts something that happened in the future: a clock a little behind reads 'just now'", () => {
    // The browser's clock (or the component's last tick) can trail the server that stamped the row.
    expect(formatRelative(at(5), now)).toBe("just now");
    expect(formatRelative(at(40), now)).toBe("just now");
    expect(formatRelative(at(-120), now)).toBe("2 minutes ago");
  });

  it("counts minutes and hours either way beyond that", () => {
    expect(formatRelative(at(-300), now)).toBe("5 minutes ago");
    expect(formatRelative(at(300), now, { ahead: true })).toBe("in 5 minutes");
    expect(formatRelative(at(2 * 3600), now, { ahead: true })).toBe("in 2 hours");
  });
});
