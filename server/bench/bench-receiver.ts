// The bench's loopback receiver, in its own process so it doesn't compete with the sender's event
// loop. Answers 200 at once, or as the path says: `/status/<code>` answers that code at once,
// `/delay/<ms>` answers 200 after that long. When asked, reports (event id, time of receipt, hook
// id) to its parent. Listens on one port, and on more when asked ({type: "listen", count}): each
// port is an origin of its own.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

let reporting = false;
let count = 0;
let pending: Array<[string, number, string]> = [];
const EVENT_ID = /"id":"(evt_[0-9A-Za-z_]+)"/;
const DELAY = /^\/delay\/(\d+)/;
const STATUS = /^\/status\/(\d{3})/;

function handle(req: IncomingMessage, res: ServerResponse): void {
  const chunks: Buffer[] = [];
  req.on("data", (chunk: Buffer) => chunks.push(chunk));
  req.on("end", () => {
    count += 1;
    if (reporting) {
      const head = Buffer.concat(chunks).subarray(0, 80).toString("latin1");
      const id = EVENT_ID.exec(head)?.[1];
      const hook = req.headers["x-hook-id"];
      if (id)
        pending.push([id, performance.timeOrigin + performance.now(), typeof hook === "string" ? hook : ""]);
    }
    const path = req.url ?? "/";
    const delay = DELAY.exec(path);
    if (delay) {
      const timer = setTimeout(() => res.end("ok"), Number(delay[1]));
      res.on("close", () => clearTimeout(timer));
      return;
    }
    const status = STATUS.exec(path);
    if (status) res.statusCode = Number(status[1]);
    res.end("ok");
  });
}

function listen(): Promise<number> {
  const server = createServer(handle);
  server.keepAliveTimeout = 60_000;
  return new Promise((resolve) => {
    server.listen(0, "127.0.0.1", () => resolve((server.address() as AddressInfo).port));
  });
}

setInterval(() => {
  if (pending.length > 0 || reporting) {
    process.send?.({ type: "seen", count, items: pending });
    pending = [];
  }
}, 50).unref();

process.on("message", (message: { type: string; on?: boolean; count?: number }) => {
  if (message.type === "report") reporting = Boolean(message.on);
  if (message.type === "count") process.send?.({ type: "count", count });
  if (message.type === "listen") {
    void Promise.all(Array.from({ length: message.count ?? 1 }, listen)).then((ports) =>
      process.send?.({ type: "listening", ports }),
    );
  }
  if (message.type === "exit") process.exit(0);
});

void listen().then((port) => process.send?.({ type: "ready", port }));
