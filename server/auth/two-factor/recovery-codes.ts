// One-time recovery codes: the way in when the phone with the authenticator app is lost. Shown
// once, stored as salted SHA-256 (each carries 50 random bits, so a slow hash adds nothing a
// stolen database's TOTP secrets hadn't already given away), and each works once.
import { randomInt } from "node:crypto";
import { sha256Hex } from "../tokens";

export const RECOVERY_CODE_COUNT = 10;
/** Crockford's base32: no i, l, o or u, so nothing reads as another character. */
const ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz";
const CODE_CHARS = 10;

/** Ten new codes as people see them: `xxxxx-xxxxx`. */
export function newRecoveryCodes(): string[] {
  return Array.from({ length: RECOVERY_CODE_COUNT }, () => {
    const chars = Array.from({ length: CODE_CHARS }, () => ALPHABET[randomInt(ALPHABET.length)]).join("");
    return `${chars.slice(0, 5)}-${chars.slice(5)}`;
  });
}

/**
 * The code as stored compares it, or null when it can't be one: case, spaces and dashes don't
 * matter, and the letters people mistake for digits read as those digits.
 */
export function normalizeRecoveryCode(input: string): string | null {
  const code = input.toLowerCase().replace(/[\s-]/g, "").replace(/[il]/g, "1").replace(/o/g, "0");
  if (code.length !== CODE_CHARS) return null;
  for (const char of code) if (!ALPHABET.includes(char)) return null;
  return code;
}

/** Salted with the admin's id, so equal codes of two admins don't share a hash. */
export function hashRecoveryCode(userId: string, normalizedCode: string): string {
  return sha256Hex(`${userId}:${normalizedCode}`);
}
