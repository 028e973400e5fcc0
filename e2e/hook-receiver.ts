// A real HTTP receiver for hook specs: node:http on 127.0.0.1, port 0. It answers the intent
// handshake by echoing X-Hook-Secret (or refuses it), and answers deliveries 200 or 500 on demand.
import { createServer, type IncomingHttpHeaders, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface ReceivedRequest {
  headers: IncomingHttpHeaders;
  body: string;
  json: { type?: string; data?: { email?: string } } | null;
}

export interface HookReceiver {
  url: string;
  /** How deliveries are answered: 200, 500, or 410 Gone. */
  mode: "ok" | "fail" | "gone";
  /** How the intent handshake is answered: echo the secret (active), 200 without it (unconfirmed), 500. */
  handshake: "echo" | "silent" | "refuse";
  /** How long a delivery waits for its answer, in ms. */
  delayMs: number;
  /** Every delivery (handshakes excluded), in arrival order. */
  deliveries: ReceivedRequest[];
  close: () => Promise<void>;
}

export async function startHookReceiver(): Promise<HookReceiver> {
  const receiver: Omit<HookReceiver, "url" | "close"> = {
    mode: "ok",
    handshake: "echo",
    delayMs: 0,
    deliveries: [],
  };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      let json: ReceivedRequest["json"] = null;
      try {
        json = JSON.parse(body) as ReceivedRequest["json"];
      } catch {}
      if (json?.type === "hook.verification") {
        if (receiver.handshake === "refuse") {
          res.writeHead(500, { "content-type": "text/plain" }).end("not today");
          return;
        }
        const secret = receiver.handshake === "echo" ? String(req.headers["x-hook-secret"] ?? "") : "";
        res
          .writeHead(200, {
            ...(secret ? { "x-hook-secret": secret } : {}),
            "content-type": "application/json",
          })
          .end("{}");
        return;
      }
      receiver.deliveries.push({ headers: req.headers, body, json });
      const mode = receiver.mode;
      setTimeout(() => answer(res, mode), receiver.delayMs);
    });
  });
  function answer(res: ServerResponse, mode: HookReceiver["mode"]) {
    if (mode === "gone") {
      res.writeHead(410, { "content-type": "text/plain" }).end("gone");
    } else if (mode === "fail") {
      res.writeHead(500, { "content-type": "application/json" }).end('{"error":"receiver is down"}');
    } else {
      res.writeHead(200, { "content-type": "application/json" }).end('{"received":true}');
    }
  }
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(receiver, {
    url: `http://127.0.0.1:${port}/hook`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  });
}
