import { describe, expect, it } from "vitest";
import { InFlightSends, LONG_SEND_MS } from "./in-flight-sends";

describe("sends in flight", () => {
  it("stops counting a send as busy once it has been out for LONG_SEND_MS", () => {
    const sends = new InFlightSends();
    const slow = sends.start(0);
    const quick = sends.start(10);
    expect([sends.all, sends.busy]).toEqual([2, 2]);
    expect(sends.nextLongAt()).toBe(LONG_SEND_MS);

    sends.countLong(LONG_SEND_MS + 5);
    expect([sends.all, sends.busy]).toEqual([2, 1]);
    expect(sends.nextLongAt()).toBe(10 + LONG_SEND_MS);

    // A long send finishing frees no busy slot; a busy one does.
    expect(sends.finish(slow)).toBe(false);
    expect([sends.all, sends.busy]).toEqual([1, 1]);
    expect(sends.finish(quick)).toBe(true);
    expect([sends.all, sends.busy]).toEqual([0, 0]);
  });

  it("skips sends already done and counts each long send once", () => {
    const sends = new InFlightSends();
    const done = sends.start(0);
    sends.start(1);
    sends.finish(done);
    sends.countLong(5_000);
    sends.countLong(6_000);
    expect([sends.all, sends.busy]).toEqual([1, 0]);
    expect(sends.nextLongAt()).toBeUndefined();
  });
});
