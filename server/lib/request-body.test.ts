import { expect, it } from "vitest";
import { AppError } from "@/server/errors";
import { readBody, withReadBody } from "./request-body";

/** A request whose body arrives in chunks (pulled only when read), counting what was pulled. */
function streamed(
  chunks: number,
  chunkBytes: number,
  headers: Record<string, string> = {},
): { request: Request; pulled: () => number } {
  let pulled = 0;
  const body = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        if (pulled === chunks) return controller.close();
        pulled += 1;
        controller.enqueue(new Uint8Array(chunkBytes));
      },
    },
    { highWaterMark: 0 },
  );
  const init = { method: "POST", body, headers, duplex: "half" } as RequestInit;
  return { request: new Request("http://hookline.test/", init), pulled: () => pulled };
}

it("refuses a declared oversize body before reading any of it", async () => {
  const { request } = streamed(10, 1024, { "content-length": String(1024 * 1024 * 1024) });
  await expect(readBody(request, 4096)).rejects.toMatchObject({ code: "payload_too_large" });
  expect(request.bodyUsed).toBe(false);
  expect(request.body?.locked).toBe(false);
});

it("stops reading a streamed body as soon as it passes the limit", async () => {
  const { request, pulled } = streamed(1000, 1024);
  const error = await readBody(request, 4096).catch((caught: unknown) => caught);
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).status).toBe(413);
  expect(pulled()).toBeLessThan(10);
});

it("reads a body within the limit, and hands it on as a request of its own", async () => {
  const { request } = streamed(4, 1024);
  const bytes = await readBody(request, 4096);
  expect(bytes.byteLength).toBe(4096);
  const again = withReadBody(
    new Request("http://hookline.test/x", { method: "POST" }),
    Buffer.from('{"a":1}'),
  );
  expect(await again.json()).toEqual({ a: 1 });
});
