import { describe, expect, it } from "vitest";
import { pendingHint } from "./hook-badges";

describe("pending hint", () => {
  it("says how much of an ordered hook's queue waits behind its oldest delivery", () => {
    expect(pendingHint(300, true)).toBe("ordered: 299 held behind the oldest");
    expect(pendingHint(10_000, true)).toBe("ordered: all but the oldest held behind it");
  });

  it("says nothing of holding where nothing is held", () => {
    expect(pendingHint(1, true)).toBe("waiting to be sent or retried");
    expect(pendingHint(0, true)).toBe("waiting to be sent or retried");
    expect(pendingHint(300, false)).toBe("waiting to be sent or retried");
  });
});
