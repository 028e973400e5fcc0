import { describe, expect, it } from "vitest";
import { clientIp, isSameOrigin } from "./request";

describe("clientIp", () => {
  it("takes the address our proxy appended, not what the client prepended", () => {
    expect(clientIp(new Headers({ "x-forwarded-for": "6.6.6.6, 203.0.113.9" }))).toBe("203.0.113.9");
    expect(clientIp(new Headers({ "x-forwarded-for": "203.0.113.9" }))).toBe("203.0.113.9");
    expect(clientIp(new Headers({ "x-real-ip": "198.51.100.1" }))).toBe("198.51.100.1");
    expect(clientIp(new Headers())).toBe("local");
  });
});

describe("isSameOrigin", () => {
  it("accepts only an Origin whose host is ours", () => {
    expect(isSameOrigin(new Headers({ origin: "http://app.test", host: "app.test" }))).toBe(true);
    expect(isSameOrigin(new Headers({ origin: "http://evil.test", host: "app.test" }))).toBe(false);
    expect(isSameOrigin(new Headers({ origin: "null", host: "app.test" }))).toBe(false);
    expect(isSameOrigin(new Headers({ host: "app.test" }))).toBe(false);
  });
});
