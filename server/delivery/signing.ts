// Delivery signatures: Standard Webhooks (`webhook-signature`) and the REST Hooks style
// `x-hook-signature`, both HMAC-SHA256 with the hook's secret, computed with node:crypto.
import "server-only";
import { createHmac } from "node:crypto";

const SECRET_PREFIX = "whsec_";

/** The HMAC key behind a `whsec_…` secret: the base64-decoded part after the prefix. */
export function secretKey(secret: string): Buffer {
  const encoded = secret.startsWith(SECRET_PREFIX) ? secret.slice(SECRET_PREFIX.length) : secret;
  return Buffer.from(encoded, "base64");
}

/** One `v1,<base64>` entry over `"<id>.<timestamp>.<body>"`. */
export function standardSignature(key: Buffer, id: string, timestamp: number, body: string): string {
  const mac = createHmac("sha256", key).update(`${id}.${timestamp}.`).update(body).digest("base64");
  return `v1,${mac}`;
}

/** The `webhook-signature` header: one entry per key, space-separated (several during a rotation). */
export function standardSignatureHeader(keys: Buffer[], id: string, timestamp: number, body: string): string {
  return keys.map((key) => standardSignature(key, id, timestamp, body)).join(" ");
}

/** The `x-hook-signature` header: hex HMAC-SHA256 of the raw body alone. */
export function bodySignature(key: Buffer, body: string): string {
  return createHmac("sha256", key).update(body).digest("hex");
}

/**
 * The `x-hook-signature` header: one hex digest per key, the current key's first. During a rotation
 * that is two, as an HTTP list ("<current>, <previous>", the form Node gives a repeated header), so
 * a receiver still holding the old secret verifies for the 24 hours API.md promises.
 */
export function bodySignatureHeader(keys: Buffer[], body: string): string {
  return keys.map((key) => bodySignature(key, body)).join(", ");
}
