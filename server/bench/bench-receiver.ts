// The bench's loopback receiver, in its own process so it doesn't compete with the sender's event
// loop: answers 200 at once and, when asked, reports (event id, time of the 2xx) to its parent.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

let reporting = false;
let count = 0;
let pending: Array<[string, number]> = [];
const EVENT_ID = /"id":"(evt_[0-9A-Za-z_]+)"/;

const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on("data", (chunk: Buffer) => chunks.push(chunk));
  req.on("end", () => {
    count += 1;
    if (reporting) {
      const head = Buffer.concat(chunks).subarray(0, 80).toString("latin1");
      const id = EVENT_ID.exec(head)?.[1];
      if (id) pending.push([id, performance.timeOrigin + performance.now()]);
    }
    res.end("ok");
  });
});
server.keepAliveTimeout = 60_000;

setInterval(() => {
  if (pending.length > 0 || reporting) {
    process.send?.({ type: "seen", count, items: pending });
    pending = [];
  }
}, 50).unref();

process.on("message", (message: { type: string; on?: boolean }) => {
  if (message.type === "report") reporting = Boolean(message.on);
  if (message.type === "count") process.send?.({ type: "count", count });
  if (message.type === "exit") process.exit(0);
});

server.listen(0, "127.0.0.1", () => {
  process.send?.({ type: "ready", port: (server.address() as AddressInfo).port });
});
