import { describe, expect, it } from "vitest";
import { isSameOrigin } from "./request";

describe("isSameOrigin", () => {
  it("accepts only an Origin whose host is ours", () => {
    expect(isSameOrigin(new Headers({ origin: "http://app.test", host: "app.test" }))).toBe(true);
    expect(isSameOrigin(new Headers({ origin: "http://evil.test", host: "app.test" }))).toBe(false);
    expect(isSameOrigin(new Headers({ origin: "null", host: "app.test" }))).toBe(false);
    expect(isSameOrigin(new Headers({ host: "app.test" }))).toBe(false);
  });
});
