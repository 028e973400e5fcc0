import { describe, expect, it } from "vitest";
import { currentRequestId, requestIdFrom, runWithRequestId } from "./request-context";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe("requestIdFrom", () => {
  it("keeps a caller's id that can be logged as it is", () => {
    for (const id of ["trace-4bf92f3577b34da6", "00-4bf92f35-01", "req_1.2:3@edge/+="]) {
      expect(requestIdFrom(id)).toBe(id);
    }
    expect(requestIdFrom(["first", "second"])).toBe("first");
  });

  it("makes a new one for none, or one with spaces, control characters, markup or 129 characters", () => {
    for (const given of [undefined, "", "a b", "a\tb", "id\nforged log line", "<script>", "x".repeat(129)]) {
      expect(requestIdFrom(given), JSON.stringify(given)).toMatch(UUID);
    }
  });
});

describe("runWithRequestId", () => {
  it("makes the id current for everything the run does, awaited work included", async () => {
    expect(currentRequestId()).toBeUndefined();
    const seen = await runWithRequestId("req-1", async () => {
      await new Promise((resolve) => setTimeout(resolve, 5));
      return currentRequestId();
    });
    expect(seen).toBe("req-1");
    expect(currentRequestId()).toBeUndefined();
  });
});
