// What Hookline keeps of a receiver's answer, and what it makes of a request that got none. Both
// outbound requests — a delivery (server/delivery/delivery.sender.ts) and the intent handshake
// (server/hooks/intent-verification.ts) — read and classify through here, so the cap and the
// meaning of a socket error can't drift apart between them.

/** How much of a receiver's answer we keep (attempt log, handshake). */
export const MAX_RESPONSE_BYTES = 20 * 1024;

/**
 * Reads up to MAX_RESPONSE_BYTES, then drops the rest (closing that connection rather than
 * draining a flood). On the delivery hot path: one chunk, the usual case, is decoded as it is.
 */
export async function readCappedBody(
  stream: AsyncIterable<Buffer> & { destroy: () => unknown },
): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    const room = MAX_RESPONSE_BYTES - size;
    if (chunk.length >= room) {
      chunks.push(chunk.subarray(0, room));
      size = MAX_RESPONSE_BYTES;
      stream.destroy();
      break;
    }
    chunks.push(chunk);
    size += chunk.length;
  }
  // A multi-byte character cut at the cap decodes as U+FFFD, which is what a truncated log should show.
  if (chunks.length === 1) return (chunks[0] as Buffer).toString("utf8");
  return Buffer.concat(chunks, size).toString("utf8");
}

/** What went wrong with a request that got no (complete) answer, in words a caller can phrase. */
export type OutboundFailureKind =
  | "timeout" // no complete answer before the deadline
  | "target_not_allowed" // the target guard refused the address at connect time
  | "refused" // ECONNREFUSED
  | "reset" // the receiver closed the connection before answering
  | "dns" // the host name didn't resolve
  | "unreachable" // no route to the host or its network
  | "connect_timeout" // no connection within undici's connect timeout
  | "tls" // the certificate or handshake was not accepted
  | "other";

export interface OutboundFailure {
  kind: OutboundFailureKind;
  /** The error's code (or its cause's), "" when it has none. */
  code: string;
  message: string;
}

/**
 * Classifies an error thrown by an undici request. `timedOut` is whether the caller's own deadline
 * fired (its abort reason is not an error code of its own).
 */
export function classifyOutboundFailure(error: unknown, timedOut: boolean): OutboundFailure {
  const err = error as { code?: unknown; message?: unknown; cause?: { code?: unknown } };
  const code =
    typeof err?.code === "string" ? err.code : typeof err?.cause?.code === "string" ? err.cause.code : "";
  const message = typeof err?.message === "string" ? err.message : String(error);
  return { kind: failureKind(code, timedOut), code, message };
}

function failureKind(code: string, timedOut: boolean): OutboundFailureKind {
  if (timedOut) return "timeout";
  switch (code) {
    case "target_not_allowed":
      return "target_not_allowed";
    case "UND_ERR_HEADERS_TIMEOUT":
    case "UND_ERR_BODY_TIMEOUT":
      return "timeout";
    case "ECONNREFUSED":
      return "refused";
    case "ECONNRESET":
    case "UND_ERR_SOCKET":
      return "reset";
    case "ENOTFOUND":
    case "EAI_AGAIN":
      return "dns";
    case "EHOSTUNREACH":
    case "ENETUNREACH":
      return "unreachable";
    case "UND_ERR_CONNECT_TIMEOUT":
      return "connect_timeout";
    default:
      return /^ERR_TLS|CERT|SSL/.test(code) ? "tls" : "other";
  }
}
