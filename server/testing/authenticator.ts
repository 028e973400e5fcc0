// Plays the admin's authenticator app in tests: reads the otpauth:// URI as an app scanning the QR
// code would, checks it asks for what every app does by default, and computes the codes.
import { TOTP, URI } from "otpauth";
import { vi } from "vitest";

export interface Authenticator {
  /** The base32 secret the URI carries. */
  secret: string;
  codeAt(timestampMs: number): string;
}

export function scanTotpUri(uri: string): Authenticator {
  const otp = URI.parse(uri);
  if (!(otp instanceof TOTP)) throw new Error(`Not a TOTP URI: ${uri}`);
  if (otp.algorithm !== "SHA1" || otp.digits !== 6 || otp.period !== 30) {
    throw new Error(`Not what authenticator apps compute by default: ${uri}`);
  }
  return { secret: otp.secret.base32, codeAt: (timestampMs) => otp.generate({ timestamp: timestampMs }) };
}

/**
 * Sets the clock codes are computed and checked by. Only Date is faked: the database drivers keep
 * their timers. Undo with vi.useRealTimers().
 */
export function setClock(ms: number): void {
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(ms);
}

/** The start of a 30-second step a minute or so ahead, so the steps either side are near too. */
export function upcomingStepStart(): number {
  return (Math.floor(Date.now() / 30_000) + 2) * 30_000;
}
