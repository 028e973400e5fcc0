// Requests Playwright's client can't make: from a chosen local address (loopback has many), with
// headers a browser would not let a page set, and bodies streamed without a Content-Length.
import { Agent, request as httpRequest, type OutgoingHttpHeaders } from "node:http";

export interface RawAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

export function send(
  url: string,
  options: {
    method?: string;
    headers?: OutgoingHttpHeaders;
    body?: string | Buffer;
    localAddress?: string;
    /** Writes the body as chunks of this size (no Content-Length: chunked), at most total bytes. */
    stream?: { chunk: Buffer; total: number };
  } = {},
): Promise<RawAnswer> {
  const agent = new Agent({ keepAlive: true });
  return new Promise<RawAnswer>((resolve, reject) => {
    let answered = false;
    const request = httpRequest(
      url,
      // A keep-alive connection, as browsers and most clients use (a server that answers before the
      // body is in then drains the rest, rather than closing on a client still sending), of its own
      // (shared, one left mid-body by an early answer would carry the next request in as the rest
      // of this one's body), closed once answered.
      {
        method: options.method ?? "POST",
        headers: options.headers,
        localAddress: options.localAddress,
        agent,
      },
      (response) => {
        answered = true;
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("end", () => {
          resolve({
            status: response.statusCode ?? 0,
            headers: response.headers,
            body: Buffer.concat(chunks).toString("utf8"),
          });
          // Answered: whatever of the body is left need not be sent.
          request.destroy();
          agent.destroy();
        });
        response.on("error", reject);
        // Cut off mid-answer: what arrived is the answer.
        response.on("close", () =>
          resolve({
            status: response.statusCode ?? 0,
            headers: response.headers,
            body: Buffer.concat(chunks).toString("utf8"),
          }),
        );
      },
    );
    // The server may answer and close before the whole body is out: the answer is what counts.
    request.on("error", (error) => {
      if (!answered) reject(error);
    });
    if (options.stream) {
      const { chunk, total } = options.stream;
      let sent = 0;
      const pump = () => {
        while (sent < total && !answered && !request.destroyed) {
          sent += chunk.length;
          if (!request.write(chunk)) return void request.once("drain", pump);
        }
        request.end();
      };
      pump();
    } else {
      request.end(options.body);
    }
  });
}
