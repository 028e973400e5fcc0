// The answer cap and the failure classes both outbound requests share, against real loopback sockets.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { request } from "undici";
import { afterEach, describe, expect, it } from "vitest";
import { classifyOutboundFailure, MAX_RESPONSE_BYTES, readCappedBody } from "./response";

let server: Server | undefined;
afterEach(async () => {
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve) ?? resolve(undefined));
  server = undefined;
});

async function listen(handler: Parameters<typeof createServer>[1]): Promise<string> {
  const listening = createServer(handler);
  server = listening;
  await new Promise<void>((resolve) => listening.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(listening.address() as AddressInfo).port}/`;
}

async function failureOf(url: string, options: { headersTimeout?: number } = {}) {
  try {
    await request(url, { method: "POST", body: "{}", ...options });
  } catch (error) {
    return classifyOutboundFailure(error, false);
  }
  throw new Error("the request succeeded");
}

describe("readCappedBody", () => {
  it("keeps the first 20 KB of a flood and does not wait for the rest", async () => {
    const url = await listen((_, res) => res.write("é".repeat(40 * 1024))); // never ends
    const answer = await request(url);
    const body = await readCappedBody(answer.body);
    expect(MAX_RESPONSE_BYTES).toBe(20480);
    expect(Buffer.byteLength(body)).toBeLessThanOrEqual(MAX_RESPONSE_BYTES + 2);
    expect(body.startsWith("é".repeat(10 * 1024 - 1))).toBe(true);
  });

  it("keeps a short answer whole", async () => {
    const url = await listen((_, res) => res.end("accepted"));
    expect(await readCappedBody((await request(url)).body)).toBe("accepted");
  });
});

describe("classifyOutboundFailure", () => {
  it("names a refused connection", async () => {
    const url = await listen(() => {});
    server?.close();
    expect(await failureOf(url)).toMatchObject({ kind: "refused", code: "ECONNREFUSED" });
  });

  it("names a connection closed before an answer", async () => {
    const url = await listen((request) => request.socket.destroy());
    expect((await failureOf(url)).kind).toBe("reset");
  });

  it("names undici's own timeouts and the caller's deadline as timeouts", async () => {
    const url = await listen(() => {}); // never answers
    expect(await failureOf(url, { headersTimeout: 100 })).toMatchObject({
      kind: "timeout",
      code: "UND_ERR_HEADERS_TIMEOUT",
    });
    expect(classifyOutboundFailure(new DOMException("aborted", "AbortError"), true).kind).toBe("timeout");
  });

  it("takes the code from the error's cause when it has none of its own, and keeps the rest as it is", () => {
    const wrapped = new TypeError("fetch failed", {
      cause: Object.assign(new Error("x"), { code: "ENOTFOUND" }),
    });
    expect(classifyOutboundFailure(wrapped, false)).toEqual({
      kind: "dns",
      code: "ENOTFOUND",
      message: "fetch failed",
    });
    expect(classifyOutboundFailure(new Error("odd"), false)).toEqual({
      kind: "other",
      code: "",
      message: "odd",
    });
    expect(
      classifyOutboundFailure(Object.assign(new Error("bad cert"), { code: "CERT_HAS_EXPIRED" }), false).kind,
    ).toBe("tls");
  });
});
