import { describe, expect, it } from "vitest";
import { fileSize, quantity } from "./quantity";

describe("quantity", () => {
  it("puts the singular noun after one and the plural after anything else", () => {
    expect(quantity(1, "attempt")).toBe("1 attempt");
    expect(quantity(0, "attempt")).toBe("0 attempts");
    expect(quantity(2345, "attempt")).toBe("2,345 attempts");
    expect(quantity(2, "delivery", "deliveries")).toBe("2 deliveries");
  });
});

describe("fileSize", () => {
  it("says bytes below a kilobyte, then KB, MB and GB with one decimal at most", () => {
    expect(fileSize(1)).toBe("1 byte");
    expect(fileSize(812)).toBe("812 bytes");
    expect(fileSize(1024)).toBe("1 KB");
    expect(fileSize(4300)).toBe("4.2 KB");
    expect(fileSize(1.3 * 1024 * 1024)).toBe("1.3 MB");
    expect(fileSize(5 * 1024 ** 4)).toBe("5,120 GB");
  });
});
