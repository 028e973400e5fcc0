// Public ids: a type prefix, then a time-ordered base62 body, so sorting ids sorts by creation.
import { randomBytes } from "node:crypto";

const ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
const TIME_CHARS = 9; // 62^9 ms ≈ 400,000 years
const RANDOM_CHARS = 14; // ≈ 83 bits: collisions within one millisecond are not a concern

export type IdPrefix = "ctc" | "hook" | "evt" | "msg" | "key" | "usr" | "job" | "rule" | "inv" | "pts";

let lastMs = 0;
let lastRandom: number[] = [];

export function newId(prefix: IdPrefix, now = Date.now()): string {
  let random: number[];
  if (now === lastMs) {
    // Same millisecond: bump the previous random part so ids stay strictly increasing in one process.
    random = increment(lastRandom);
  } else {
    random = [...randomBytes(RANDOM_CHARS)].map((byte) => byte % 62);
  }
  lastMs = now;
  lastRandom = random;
  return `${prefix}_${encodeTime(now)}${random.map((digit) => ALPHABET[digit]).join("")}`;
}

/**
 * The lowest id of that type an instant can have: every id made at `ms` or later sorts at or
 * above it (ids are compared in the C collation), every id made before sorts below.
 */
export function firstIdAt(prefix: IdPrefix, ms: number): string {
  return `${prefix}_${encodeTime(ms)}`;
}

function encodeTime(ms: number): string {
  let out = "";
  let rest = ms;
  for (let i = 0; i < TIME_CHARS; i++) {
    out = ALPHABET[rest % 62] + out;
    rest = Math.floor(rest / 62);
  }
  return out;
}

function increment(digits: number[]): number[] {
  const next = [...digits];
  for (let i = next.length - 1; i >= 0; i--) {
    const digit = (next[i] ?? 0) + 1;
    if (digit < 62) {
      next[i] = digit;
      return next;
    }
    next[i] = 0;
  }
  return next;
}

/** Random base62 text for secrets and tokens (not time-ordered). */
export function randomBase62(length: number): string {
  // Rejection sampling keeps every character equally likely.
  let out = "";
  while (out.length < length) {
    for (const byte of randomBytes(length * 2)) {
      if (byte < 248 && out.length < length) out += ALPHABET[byte % 62];
    }
  }
  return out;
}

export function hasPrefix(id: string, prefix: IdPrefix): boolean {
  return id.startsWith(`${prefix}_`) && id.length <= 64;
}
