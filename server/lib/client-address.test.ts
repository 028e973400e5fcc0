import { describe, expect, it } from "vitest";
import { loadConfig } from "@/server/config/config";
import { resolveClientAddress } from "./client-address";

function parseTrustedProxies(value: string) {
  return loadConfig({ HOOKLINE_TRUSTED_PROXIES: value }).trustedProxies;
}

const none = parseTrustedProxies("");

describe("resolveClientAddress", () => {
  it("uses the connection's own address when no proxy is trusted, whatever the client claims", () => {
    expect(resolveClientAddress("203.0.113.9", null, none)).toBe("203.0.113.9");
    expect(resolveClientAddress("203.0.113.9", "198.51.100.1", none)).toBe("203.0.113.9");
    expect(resolveClientAddress("::ffff:203.0.113.9", "198.51.100.1, 10.0.0.1", none)).toBe("203.0.113.9");
  });

  it("believes as many hops as it is told to, counted from the connection", () => {
    const oneHop = parseTrustedProxies("1");
    // The proxy appended what it saw; what the client put in front of it is ignored.
    expect(resolveClientAddress("10.0.0.2", "6.6.6.6, 203.0.113.9", oneHop)).toBe("203.0.113.9");
    expect(resolveClientAddress("10.0.0.2", "203.0.113.9", oneHop)).toBe("203.0.113.9");
    const twoHops = parseTrustedProxies("2");
    expect(resolveClientAddress("10.0.0.2", "6.6.6.6, 203.0.113.9, 10.0.0.1", twoHops)).toBe("203.0.113.9");
    // A trusted hop that reported nothing: the hop is the client as far as anyone can tell.
    expect(resolveClientAddress("10.0.0.2", null, oneHop)).toBe("10.0.0.2");
  });

  it("believes hops whose addresses lie in trusted ranges, up to the first that doesn't", () => {
    const ranges = parseTrustedProxies("10.0.0.0/8, 192.0.2.7, ::1/128");
    expect(resolveClientAddress("10.0.0.2", "6.6.6.6, 203.0.113.9, 10.9.9.9", ranges)).toBe("203.0.113.9");
    expect(resolveClientAddress("::ffff:192.0.2.7", "203.0.113.9", ranges)).toBe("203.0.113.9");
    expect(resolveClientAddress("::1", "[2001:db8::5]:4711", ranges)).toBe("2001:db8::5");
    // Not from a trusted range: its header is a claim, not a report.
    expect(resolveClientAddress("198.51.100.3", "203.0.113.9", ranges)).toBe("198.51.100.3");
    // Garbage from a trusted hop is not taken as an address.
    expect(resolveClientAddress("10.0.0.2", "unknown", ranges)).toBe("10.0.0.2");
  });
});
