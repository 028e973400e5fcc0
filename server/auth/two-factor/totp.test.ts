import { Secret } from "otpauth";
import { describe, expect, it } from "vitest";
import { scanTotpUri } from "@/server/testing/authenticator";
import { isTotpCodeShape, matchTotpStep, newTotpSecret, totpStep, totpUri } from "./totp";

// RFC 6238 appendix B: SHA-1 with the ASCII key "12345678901234567890". The RFC prints 8 digits;
// a 6-digit code is their last six (RFC 4226 §5.3 truncates modulo 10^digits).
const RFC_SECRET = Secret.fromLatin1("12345678901234567890").base32;
const RFC_VECTORS: Array<[seconds: number, code: string]> = [
  [59, "94287082"],
  [1111111109, "07081804"],
  [1111111111, "14050471"],
  [1234567890, "89005924"],
  [2000000000, "69279037"],
];

describe("TOTP", () => {
  it("accepts the RFC 6238 test vectors, each at its own step", () => {
    for (const [seconds, code] of RFC_VECTORS) {
      expect(matchTotpStep(RFC_SECRET, code.slice(-6), seconds * 1000)).toBe(Math.floor(seconds / 30));
    }
  });

  it("accepts one step either side of now, and nothing further", () => {
    const at = 1111111109 * 1000; // the code "081804" belongs to this step
    const step = totpStep(at);
    expect(matchTotpStep(RFC_SECRET, "081804", at - 30_000)).toBe(step);
    expect(matchTotpStep(RFC_SECRET, "081804", at + 30_000)).toBe(step);
    expect(matchTotpStep(RFC_SECRET, "081804", at - 60_000)).toBeNull();
    expect(matchTotpStep(RFC_SECRET, "081804", at + 60_000)).toBeNull();
  });

  it("refuses what is not a six-digit code without computing anything", () => {
    for (const code of ["", "08180", "0818044", "08180a", " 081804", "07081804"]) {
      expect(isTotpCodeShape(code)).toBe(false);
      expect(matchTotpStep(RFC_SECRET, code, 1111111109 * 1000)).toBeNull();
    }
  });

  it("makes 160-bit secrets and a URI any authenticator app reads", () => {
    const secret = newTotpSecret();
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(newTotpSecret()).not.toBe(secret);
    const uri = totpUri(secret, "ada@example.com");
    expect(uri).toMatch(/^otpauth:\/\/totp\/Hookline:ada%40example\.com\?/);
    expect(new URL(uri).searchParams.get("issuer")).toBe("Hookline");
    const app = scanTotpUri(uri);
    expect(app.secret).toBe(secret);
    const now = Date.now();
    expect(matchTotpStep(secret, app.codeAt(now), now)).toBe(totpStep(now));
  });
});
