import { describe, expect, it } from "vitest";
import { ClaimPlanner } from "./claim-planner";

describe("claim planner", () => {
  it("claims every hook first, then none until there is evidence or the backstop is due", () => {
    const planner = new ClaimPlanner();
    expect(planner.scope(10_000)).toBeUndefined();
    expect(planner.scope(10_050)).toBeNull();
    expect(planner.scope(10_999)).toBeNull();
    expect(planner.scope(11_000)).toBeUndefined();
  });

  it("claims every hook on a signal, and only the hooks asked for otherwise, once each", () => {
    const planner = new ClaimPlanner();
    planner.scope(0);
    planner.claimHook("hk_a");
    planner.claimHook("hk_b");
    planner.claimHook("hk_a");
    expect(planner.scope(10)).toEqual(["hk_a", "hk_b"]);
    expect(planner.scope(20)).toBeNull();
    planner.claimHook("hk_a");
    planner.claimAll();
    expect(planner.scope(30)).toBeUndefined();
  });

  it("claims a hook with a backlog every 100 ms while it was seen in the last second", () => {
    const planner = new ClaimPlanner();
    planner.scope(0);
    planner.sawDueWork("hk_busy", 0);
    expect(planner.scope(10)).toEqual(["hk_busy"]);
    expect(planner.scope(50)).toBeNull();
    expect(planner.scope(110)).toEqual(["hk_busy"]);
    expect(planner.scope(990)).toEqual(["hk_busy"]);
    // The backstop claims every hook at 1 s; after that the backlog, unseen for a second, is dropped.
    expect(planner.scope(1_000)).toBeUndefined();
    expect(planner.scope(1_100)).toBeNull();
  });

  it("claims every hook as seldom as its backstop says, signals still at once", () => {
    const planner = new ClaimPlanner(60_000);
    expect(planner.scope(0)).toBeUndefined();
    expect(planner.scope(1_000)).toBeNull();
    expect(planner.scope(59_999)).toBeNull();
    planner.claimAll();
    expect(planner.scope(30_000)).toBeUndefined();
    expect(planner.scope(89_999)).toBeNull();
    expect(planner.scope(90_000)).toBeUndefined();
  });
});
