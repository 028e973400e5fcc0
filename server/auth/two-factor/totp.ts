// Time-based one-time codes (RFC 6238) as every authenticator app computes them by default:
// HMAC-SHA-1, 6 digits, a new code every 30 seconds. The arithmetic is otpauth's.
import { Secret, TOTP } from "otpauth";

export const TOTP_ISSUER = "Hookline";
const PERIOD_SECONDS = 30;
const DIGITS = 6;
/** A code of the step before or after the current one is accepted too: clocks drift, people type slowly. */
const WINDOW_STEPS = 1;
/** 160 bits, the HMAC-SHA-1 key length RFC 4226 recommends. */
const SECRET_BYTES = 20;

function totpFor(secretBase32: string, accountName = ""): TOTP {
  return new TOTP({
    issuer: TOTP_ISSUER,
    label: accountName,
    algorithm: "SHA1",
    digits: DIGITS,
    period: PERIOD_SECONDS,
    secret: Secret.fromBase32(secretBase32),
  });
}

/** A new random secret, base32 (the form authenticator apps take typed in). */
export function newTotpSecret(): string {
  return new Secret({ size: SECRET_BYTES }).base32;
}

/** The otpauth:// URI a QR code carries: issuer Hookline, the admin's email as the account. */
export function totpUri(secretBase32: string, accountName: string): string {
  return totpFor(secretBase32, accountName).toString();
}

/** The 30-second step `timestampMs` falls in. */
export function totpStep(timestampMs: number): number {
  return Math.floor(timestampMs / 1000 / PERIOD_SECONDS);
}

/** True for what looks like an authenticator code (6 digits) rather than a recovery code or a password. */
export function isTotpCodeShape(code: string): boolean {
  return /^\d{6}$/.test(code);
}

/**
 * The step whose code `code` is, within one step of `timestampMs`; null when it matches none.
 * Callers refuse a step they have already accepted once (RFC 6238 §5.2: no second use).
 */
export function matchTotpStep(secretBase32: string, code: string, timestampMs = Date.now()): number | null {
  if (!isTotpCodeShape(code)) return null;
  const delta = totpFor(secretBase32).validate({ token: code, timestamp: timestampMs, window: WINDOW_STEPS });
  return delta === null ? null : totpStep(timestampMs) + delta;
}
