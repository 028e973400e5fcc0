import { describe, expect, it } from "vitest";
import { delayMinutes, delayText, splitDelay } from "./delay";

describe("automation delays", () => {
  it("are entered in minutes, hours or days and stored in minutes", () => {
    expect(delayMinutes(45, "minutes")).toBe(45);
    expect(delayMinutes(2, "hours")).toBe(120);
    expect(delayMinutes(3, "days")).toBe(4320);
  });

  it("open for editing in the largest unit that divides them", () => {
    expect(splitDelay(4320)).toEqual({ amount: 3, unit: "days" });
    expect(splitDelay(120)).toEqual({ amount: 2, unit: "hours" });
    expect(splitDelay(90)).toEqual({ amount: 90, unit: "minutes" });
    expect(splitDelay(0)).toEqual({ amount: 0, unit: "minutes" });
  });

  it("read as words", () => {
    expect(delayText(0)).toBe("right away");
    expect(delayText(1440)).toBe("after 1 day");
    expect(delayText(180)).toBe("after 3 hours");
    expect(delayText(1)).toBe("after 1 minute");
  });
});
