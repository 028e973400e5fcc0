// A CSV download streamed from chunks. The first chunk is read before answering, so a database
// error still becomes a proper error response rather than a truncated file.
/** What a CSV file starts with, so spreadsheet apps read it as UTF-8. */
export const BYTE_ORDER_MARK = "\uFEFF";

export async function csvDownload(chunks: AsyncGenerator<string>, filename: string): Promise<Response> {
  const first = await chunks.next();
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(`${BYTE_ORDER_MARK}${first.done ? "" : first.value}`));
    },
    async pull(controller) {
      const next = await chunks.next();
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(next.value));
    },
    async cancel() {
      await chunks.return(undefined);
    },
  });
  return new Response(body, {
    status: 200,
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="${filename}"`,
      "cache-control": "no-store",
    },
  });
}
