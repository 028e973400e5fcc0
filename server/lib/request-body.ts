// The one way a route reads a request body: capped, and before authentication or parsing, so no
// client — signed in or not — can make the process buffer more than the route allows (a 200 MB POST
// to an endpoint that read whatever arrived once added 654 MB to the process that also runs the
// delivery loop). The declared Content-Length is checked first, so an honest oversized request is
// refused before a byte of it is read; then the bytes actually received (the header may be absent,
// as with chunked uploads, or lie).
import { AppError } from "@/server/errors";

/** What any route may read before it knows who is asking (JSON APIs, forms, tRPC). */
export const BODY_LIMIT = 1024 * 1024;

export function payloadTooLarge(maxBytes: number): AppError {
  return new AppError("payload_too_large", `The request body is larger than ${maxBytes} bytes.`);
}

type TooLarge = (maxBytes: number) => Error;

/** Throws at once when the request says its body is larger than maxBytes. */
export function refuseDeclaredOversize(
  request: Request,
  maxBytes: number,
  tooLarge: TooLarge = payloadTooLarge,
): void {
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > maxBytes) throw tooLarge(maxBytes);
}

/**
 * How much of an oversized body is read and thrown away after the 413 is decided, and for how
 * long. Cutting the connection at once (cancelling the stream destroys the socket) made the client's
 * side reset it, and a client still sending then lost the 413 it had not read yet; discarding a
 * little more first (what web servers call a lingering close) lets the answer get there.
 */
const DISCARD_BYTES = 1024 * 1024;
const DISCARD_MS = 5000;

async function discardRest(reader: ReadableStreamDefaultReader<Uint8Array>): Promise<void> {
  const deadline = Date.now() + DISCARD_MS;
  let discarded = 0;
  try {
    while (discarded <= DISCARD_BYTES && Date.now() < deadline) {
      const { done, value } = await reader.read();
      if (done) return;
      discarded += value.byteLength;
    }
    await reader.cancel();
  } catch {
    // The client went away: nothing left to do.
  }
}

/** Reads the whole body, or throws payload_too_large once it passes maxBytes (keeping no more of it). */
export async function readBody(
  request: Request,
  maxBytes: number,
  tooLarge: TooLarge = payloadTooLarge,
): Promise<Buffer> {
  refuseDeclaredOversize(request, maxBytes, tooLarge);
  const reader = request.body?.getReader();
  if (!reader) return Buffer.alloc(0);
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      void discardRest(reader);
      throw tooLarge(maxBytes);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks, size);
}

export async function readBodyText(request: Request, maxBytes: number): Promise<string> {
  return (await readBody(request, maxBytes)).toString("utf8");
}

/** The same request with its body already read (for handlers, like tRPC's, that read it themselves). */
export function withReadBody(request: Request, body: Buffer): Request {
  return new Request(request.url, {
    method: request.method,
    headers: request.headers,
    body: body.byteLength > 0 ? new Uint8Array(body) : null,
    signal: request.signal,
  });
}
