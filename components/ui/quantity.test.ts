import { describe, expect, it } from "vitest";
import { quantity } from "./quantity";

describe("quantity", () => {
  it("puts the singular noun after one and the plural after anything else", () => {
    expect(quantity(1, "attempt")).toBe("1 attempt");
    expect(quantity(0, "attempt")).toBe("0 attempts");
    expect(quantity(2345, "attempt")).toBe("2,345 attempts");
    expect(quantity(2, "delivery", "deliveries")).toBe("2 deliveries");
  });
});
