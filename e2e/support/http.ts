// Requests Playwright's client can't make: from a chosen local address (loopback has many), with
// headers a browser would not let a page set, and bodies streamed without a Content-Length.
import { request as httpRequest, type OutgoingHttpHeaders } from "node:http";

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
  return new Promise((resolve, reject) => {
    let answered = false;
    const request = httpRequest(
      url,
      { method: options.method ?? "POST", headers: options.headers, localAddress: options.localAddress },
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
