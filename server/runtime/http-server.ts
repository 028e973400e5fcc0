// Hookline's HTTP server: Next.js served in this process behind node:http (rather than `next start`
// in a child), so that this process knows each request's socket address and can stop the whole
// app — requests, delivery loop, job runner, database — in order when it is told to.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { databaseDownSince } from "@/db/availability";
import { acceptPeerHeader, PEER_HEADER } from "@/server/lib/client-address";
import { logger } from "@/server/logging/logger";
import { REQUEST_ID_HEADER, requestIdFrom, runWithRequestId } from "@/server/logging/request-context";
import { methodNotAllowed } from "@/server/rest/method-guard";
import { stopPhase } from "./lifecycle";
import { newNonce, securityHeaders } from "./security-headers";

export interface ServeOptions {
  dir: string;
  port: number;
  host: string | undefined;
  /** Whether browsers reach the app over HTTPS, which adds HSTS to every answer. */
  https: boolean;
  /** Sites that may frame the self-service portal's pages (HOOKLINE_PORTAL_FRAME_ANCESTORS). */
  portalFrameAncestors?: readonly string[];
}

export interface RunningServer {
  /** Where a browser on this machine reaches it. */
  url: string;
  /** Whether the app answered its first health check (the database is open and migrated). */
  healthy: boolean;
  /**
   * Stops taking requests, stops the background work and lets in-flight requests finish (both
   * within graceMs), then closes the database.
   */
  stop: (graceMs: number) => Promise<void>;
}

function pathOf(request: IncomingMessage): string {
  return new URL(request.url ?? "/", "http://hookline").pathname;
}

/**
 * Writes a web Response. The API's 405s are answered here, before Next.js: a Next.js proxy (where
 * they were) makes Next copy every request body under its matcher in memory for the proxy, up to
 * 10 MB each and reading to the body's end before the route runs, so no route behind it could
 * refuse an oversized body at once (server/lib/request-body.ts).
 */
async function answerWith(response: ServerResponse, answer: Response): Promise<void> {
  response.writeHead(answer.status, Object.fromEntries(answer.headers));
  response.end(Buffer.from(await answer.arrayBuffer()));
}

/** A page (or a page's data, fetched by the client router): everything but APIs and build assets. */
function isPageRequest(request: IncomingMessage): boolean {
  if (request.method !== "GET" && request.method !== "HEAD") return false;
  const url = request.url ?? "/";
  return !url.startsWith("/api/") && !url.startsWith("/_next/");
}

const RETRY_AFTER_SECONDS = 5;
const UNAVAILABLE_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="refresh" content="${RETRY_AFTER_SECONDS}"><title>Temporarily unavailable · Hookline</title>
<style>body{font:16px/1.5 system-ui,sans-serif;color:#0f172a;background:#f8fafc;display:grid;place-items:center;min-height:100vh;margin:0}
main{max-width:28rem;margin:1rem;padding:2rem;background:#fff;border-radius:.75rem;box-shadow:0 0 0 1px #e2e8f0}h1{font-size:1.125rem;margin:0 0 .5rem}p{margin:0;color:#64748b}</style>
</head><body><main><h1>Hookline is temporarily unavailable</h1>
<p>It can't reach its database right now. This page tries again by itself every few seconds.</p></main></body></html>
`;

/**
 * While the database is known to be away, pages are answered here: rendering them would fail, and
 * Next.js would log each failure with its stack (an open tab retrying every few seconds included).
 * Requests to the APIs go through and answer 503 `unavailable` themselves; the job runner's next
 * query tells the tracker when the database is back.
 */
function answerUnavailable(response: ServerResponse): void {
  response.writeHead(503, {
    "content-type": "text/html; charset=utf-8",
    "retry-after": String(RETRY_AFTER_SECONDS),
    "cache-control": "no-store",
  });
  response.end(UNAVAILABLE_PAGE);
}

export async function serve(options: ServeOptions): Promise<RunningServer> {
  // Loaded only now: Next.js reads NODE_ENV (set by server/start.ts) as its modules load.
  const { default: next } = await import("next");
  const app = next({
    dev: false,
    dir: options.dir,
    hostname: options.host ?? "localhost",
    port: options.port,
  });
  await app.prepare();
  const handle = app.getRequestHandler();
  acceptPeerHeader();

  let stopping = false;
  const inFlight = new Set<ServerResponse>();
  let drained: (() => void) | undefined;

  const log = logger("http");
  const server: Server = createServer((request: IncomingMessage, response: ServerResponse) => {
    // Always ours: a client's own header of that name is overwritten here.
    request.headers[PEER_HEADER] = request.socket.remoteAddress ?? "unknown";
    // One id per request, in every log line written while it is served and in the answer, so a
    // report quoting it finds those lines; the app's handlers see it in the request too.
    const requestId = requestIdFrom(request.headers[REQUEST_ID_HEADER]);
    request.headers[REQUEST_ID_HEADER] = requestId;
    response.setHeader(REQUEST_ID_HEADER, requestId);
    if (stopping) response.setHeader("connection", "close");
    inFlight.add(response);
    const started = performance.now();
    response.on("close", () => {
      inFlight.delete(response);
      if (inFlight.size === 0) drained?.();
      // At debug level: one line per request would drown the rest at info. (Logged in the
      // request's context, whichever context closed it, so its id is there exactly once.)
      const line = {
        method: request.method,
        path: pathOf(request),
        status: response.statusCode,
        ms: Math.round(performance.now() - started),
      };
      runWithRequestId(requestId, () => log.debug(line, "request"));
    });
    const security = securityHeaders({
      path: pathOf(request),
      nonce: newNonce(),
      https: options.https,
      portalFrameAncestors: options.portalFrameAncestors,
    });
    for (const [name, value] of Object.entries(security)) response.setHeader(name, value);
    // Next.js finds the nonce for its inline scripts in the request's policy (a client's own
    // header of that name is replaced, so it can't choose the nonce).
    request.headers["content-security-policy"] = security["content-security-policy"];
    runWithRequestId(requestId, () => {
      const refused = methodNotAllowed(request.method ?? "GET", pathOf(request));
      if (refused) return void answerWith(response, refused);
      if (databaseDownSince() !== undefined && isPageRequest(request)) return answerUnavailable(response);
      handle(request, response).catch((error: unknown) => {
        log.error({ err: error }, "request failed");
        if (!response.headersSent) response.writeHead(500);
        response.end();
      });
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const host =
    options.host && options.host !== "0.0.0.0" && options.host !== "::" ? options.host : "localhost";
  const url = `http://${host.includes(":") ? `[${host}]` : host}:${port}`;

  const waitForRequests = (ms: number) =>
    new Promise<void>((resolve) => {
      if (inFlight.size === 0) return resolve();
      const timer = setTimeout(resolve, ms);
      drained = () => {
        clearTimeout(timer);
        resolve();
      };
    });

  const stop = async (graceMs: number) => {
    stopping = true;
    const reportFailure = (name: string, error: unknown) =>
      log.error({ err: error, step: name }, "stopping failed");
    // No new connections; idle keep-alive ones are closed now, busy ones after their answer.
    server.close();
    server.closeIdleConnections();
    await Promise.all([stopPhase("work", graceMs, reportFailure), waitForRequests(graceMs)]);
    server.closeAllConnections();
    await app.close().catch((error: unknown) => reportFailure("Next.js", error));
    await stopPhase("storage", graceMs, reportFailure);
  };

  // Next.js runs instrumentation.ts (migrations, the delivery loop) on its first request: make that
  // happen now rather than when someone first visits.
  const healthy = await fetch(new URL("/api/health", url))
    .then(async (answer) => {
      await answer.body?.cancel();
      return answer.ok;
    })
    .catch(() => false);
  return { url, healthy, stop };
}
