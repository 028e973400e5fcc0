// The hook specs' receiver: the loopback test receiver, answering the intent handshake by echoing
// X-Hook-Secret (or refusing it), and deliveries 200, 500 or 410 on demand.
import type { ServerResponse } from "node:http";
import {
  type LoopbackReceiver,
  type ReceivedRequest as LoopbackRequest,
  startLoopbackReceiver,
} from "@/server/testing/loopback-receiver";

export type ReceivedRequest = LoopbackRequest<{ type?: string; data?: { email?: string } } | null>;

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
  const deliveries: ReceivedRequest[] = [];
  const loopback: LoopbackReceiver<ReceivedRequest["json"]> = await startLoopbackReceiver({
    parse: (body) => {
      try {
        return JSON.parse(body) as ReceivedRequest["json"];
      } catch {
        return null;
      }
    },
    respond: (request, res) => {
      if (request.json?.type === "hook.verification") {
        if (receiver.handshake === "refuse") {
          res.writeHead(500, { "content-type": "text/plain" }).end("not today");
          return;
        }
        const secret = receiver.handshake === "echo" ? (request.headers["x-hook-secret"] ?? "") : "";
        res
          .writeHead(200, {
            ...(secret ? { "x-hook-secret": secret } : {}),
            "content-type": "application/json",
          })
          .end("{}");
        return;
      }
      deliveries.push(request);
      const mode = receiver.mode;
      setTimeout(() => answer(res, mode), receiver.delayMs);
    },
  });
  const receiver: HookReceiver = {
    url: loopback.url,
    mode: "ok",
    handshake: "echo",
    delayMs: 0,
    deliveries,
    close: loopback.close,
  };
  return receiver;
}

function answer(res: ServerResponse, mode: HookReceiver["mode"]) {
  if (mode === "gone") {
    res.writeHead(410, { "content-type": "text/plain" }).end("gone");
  } else if (mode === "fail") {
    res.writeHead(500, { "content-type": "application/json" }).end('{"error":"receiver is down"}');
  } else {
    res.writeHead(200, { "content-type": "application/json" }).end('{"received":true}');
  }
}
