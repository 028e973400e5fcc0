// How one origin's connections are shared between its hooks: nobody takes them all, slow hooks can
// never take the last ones, free connections go to the hook holding fewest, and a send that waits
// too long (or an engine that stops) gives up.
import { describe, expect, it } from "vitest";
import { hookShare, OriginSlots } from "./origin-slots";

const ORIGIN = "http://receiver.example";

/** Takes connections for `hook` until one has to wait; answers how many it got. */
function takeAll(
  slots: OriginSlots,
  hook: string,
  most = 1000,
): { got: number; waiting: Promise<boolean>[] } {
  let got = 0;
  const waiting: Promise<boolean>[] = [];
  for (let i = 0; i < most; i++) {
    const slot = slots.take(ORIGIN, hook);
    if (slot === true) got += 1;
    else {
      waiting.push(slot);
      break;
    }
  }
  return { got, waiting };
}

describe("OriginSlots", () => {
  it("gives one hook three quarters of an origin at most", () => {
    expect(hookShare(64)).toBe(48);
    expect(hookShare(8)).toBe(6);
    expect(hookShare(1)).toBe(1);
    const slots = new OriginSlots(64, 60_000);
    expect(takeAll(slots, "slow").got).toBe(48);
    expect(slots.waiting).toBe(1);
    slots.drain();
  });

  it("always has a connection for a neighbour holding none, however many slow hooks fill the origin", () => {
    for (const slowHooks of [1, 2, 3, 10, 30]) {
      const slots = new OriginSlots(64, 60_000);
      // The slow hooks take turns asking until none may take more.
      let progress = true;
      while (progress) {
        progress = false;
        for (let h = 0; h < slowHooks; h++) {
          const slot = slots.take(ORIGIN, `slow${h}`);
          if (slot === true) progress = true;
          else void slot;
        }
      }
      expect(slots.take(ORIGIN, "neighbour"), `${slowHooks} slow hooks`).toBe(true);
      slots.drain();
    }
  });

  it("lets a busy healthy hook keep several connections beside a slow one", () => {
    const slots = new OriginSlots(64, 60_000);
    takeAll(slots, "slow");
    // With the slow hook at its share, 16 connections are left: a hook may hold several of them.
    expect(takeAll(slots, "busy").got).toBeGreaterThanOrEqual(8);
    slots.drain();
  });

  it("hands a freed connection to the waiting hook holding fewest, equals in turn, the last to one holding none", async () => {
    const slots = new OriginSlots(4, 60_000); // share 3, reserve 1
    expect(takeAll(slots, "a", 3).got).toBe(3);
    expect(slots.take(ORIGIN, "b")).toBe(true); // the last connection: b holds none
    const order: string[] = [];
    const wait = (hook: string) => {
      const slot = slots.take(ORIGIN, hook);
      expect(slot).not.toBe(true);
      void (slot as Promise<boolean>).then((got) => got && order.push(hook));
    };
    for (const hook of ["a", "c", "d", "c"]) wait(hook);
    // a's connections free up one at a time, and each is the origin's last: c and d (holding
    // none) take turns before c's second send, then a (holding none by then); c, holding one,
    // never gets the last connection.
    for (let i = 0; i < 4; i++) {
      slots.release(ORIGIN, "a");
      await Promise.resolve();
    }
    expect(order).toEqual(["c", "d", "a"]);
    expect(slots.waiting).toBe(1);
    slots.drain();
  });

  it("gives up on a send that waited too long, and on every waiting send when drained", async () => {
    const slots = new OriginSlots(1, 30);
    expect(slots.take(ORIGIN, "a")).toBe(true);
    const late = slots.take(ORIGIN, "b");
    expect(await late).toBe(false);
    const drained = slots.take(ORIGIN, "c");
    slots.drain();
    expect(await drained).toBe(false);
    expect(slots.waiting).toBe(0);
    // Drained waiters are gone; the connection still held is still counted, and passes on.
    const next = slots.take(ORIGIN, "d");
    expect(next).not.toBe(true);
    slots.release(ORIGIN, "a");
    expect(await next).toBe(true);
    slots.release(ORIGIN, "d");
    expect(slots.take(ORIGIN, "e")).toBe(true);
  });
});
