// Hookline's HTTP server: Next.js served in this process behind node:http (rather than `next start`
// in a child), so that this process knows each request's socket address and can stop the whole
// app — requests, delivery loop, job runner, database — in order when it is told to.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import next from "next";
import { acceptPeerHeader, PEER_HEADER } from "@/server/lib/client-address";
import { stopPhase } from "./lifecycle";

export interface ServeOptions {
  dir: string;
  port: number;
  host: string | undefined;
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

export async function serve(options: ServeOptions): Promise<RunningServer> {
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

  const server: Server = createServer((request: IncomingMessage, response: ServerResponse) => {
    // Always ours: a client's own header of that name is overwritten here.
    request.headers[PEER_HEADER] = request.socket.remoteAddress ?? "unknown";
    if (stopping) response.setHeader("connection", "close");
    inFlight.add(response);
    response.on("close", () => {
      inFlight.delete(response);
      if (inFlight.size === 0) drained?.();
    });
    handle(request, response).catch((error: unknown) => {
      console.error("[hookline] request failed", error);
      if (!response.headersSent) response.writeHead(500);
      response.end();
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
      console.error(`[hookline] stopping ${name} failed:`, error);
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
