// The one real HTTP receiver tests send to: node:http on a loopback address, port 0. It records
// every request (method, path, headers, body) before answering it, and answers each with the
// `respond` function of the moment (200 "ok" unless told otherwise; tests may swap it mid-test).
import { once } from "node:events";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface ReceivedRequest<Json = unknown> {
  /** When it arrived (Date.now()). */
  at: number;
  method: string;
  /** The path and query string, as sent. */
  path: string;
  /** Header names lower-cased; a repeated header's values joined with ", ". */
  headers: Record<string, string>;
  body: string;
  /** The body parsed (by `parse`; JSON or null by default). */
  json: Json;
}

/** Answers one request; `index` is its place among all requests received. Throwing resets the socket. */
export type Respond<Json = unknown> = (
  request: ReceivedRequest<Json>,
  response: ServerResponse,
  index: number,
) => void | Promise<void>;

export interface LoopbackReceiver<Json = unknown> {
  /** `http://<host>:<port>` */
  origin: string;
  /** The origin with `path` (default "/hook"). */
  url: string;
  port: number;
  /** Every request, in arrival order. */
  requests: ReceivedRequest<Json>[];
  respond: Respond<Json>;
  /** Resolves once `count` requests have arrived; rejects after `timeoutMs`. */
  waitForCount: (count: number, timeoutMs?: number) => Promise<ReceivedRequest<Json>[]>;
  /** Stops listening and drops open connections (keep-alive ones too). */
  close: () => Promise<void>;
}

export interface LoopbackReceiverOptions<Json> {
  respond?: Respond<Json>;
  /** A loopback address; 127.0.0.1 unless told. */
  host?: string;
  path?: string;
  parse?: (body: string) => Json;
}

function parseJsonOrNull(body: string): unknown {
  try {
    return JSON.parse(body);
  } catch {
    return null;
  }
}

/** Answers 200 and echoes X-Hook-Secret: confirms a REST Hooks intent handshake. */
export function echoHookSecret(request: ReceivedRequest, response: ServerResponse): void {
  response.writeHead(200, { "x-hook-secret": request.headers["x-hook-secret"] ?? "" }).end();
}

export async function startLoopbackReceiver<Json = unknown>(
  options: LoopbackReceiverOptions<Json> = {},
): Promise<LoopbackReceiver<Json>> {
  const parse = options.parse ?? (parseJsonOrNull as (body: string) => Json);
  const host = options.host ?? "127.0.0.1";
  const requests: ReceivedRequest<Json>[] = [];
  const waiters = new Set<() => void>();
  const server = createServer(async (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString("utf8");
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(", ") : value;
    }
    const request: ReceivedRequest<Json> = {
      at: Date.now(),
      method: req.method ?? "GET",
      path: req.url ?? "/",
      headers,
      body,
      json: parse(body),
    };
    const index = requests.push(request) - 1;
    for (const wake of waiters) wake();
    try {
      await receiver.respond(request, res, index);
    } catch {
      res.destroy();
    }
  });
  server.listen(0, host);
  await once(server, "listening");
  const { port } = server.address() as AddressInfo;
  const origin = `http://${host}:${port}`;
  const receiver: LoopbackReceiver<Json> = {
    origin,
    url: `${origin}${options.path ?? "/hook"}`,
    port,
    requests,
    respond:
      options.respond ??
      ((_, res) => {
        res.end("ok");
      }),
    async waitForCount(count, timeoutMs = 15_000) {
      const deadline = Date.now() + timeoutMs;
      while (requests.length < count) {
        if (Date.now() > deadline)
          throw new Error(`receiver got ${requests.length} requests, expected ${count}`);
        await new Promise<void>((resolve) => {
          const done = () => {
            waiters.delete(done);
            resolve();
          };
          waiters.add(done);
          setTimeout(done, 50);
        });
      }
      return requests;
    },
    async close() {
      server.closeAllConnections();
      server.close();
      await once(server, "close").catch(() => {});
    },
  };
  return receiver;
}

/** A loopback URL nobody listens on (bound, noted, closed): a connection to it is refused. */
export async function refusedLoopbackUrl(): Promise<string> {
  const receiver = await startLoopbackReceiver();
  await receiver.close();
  return receiver.url;
}
