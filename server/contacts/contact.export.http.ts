// GET /contacts/export?q=&tag=&status=: the contacts list as the admin filtered it, as a CSV file.
import { requireAdminRequest } from "@/server/auth/admin-request";
import { AppError } from "@/server/errors";
import { assertNoNulCharacter } from "@/server/lib/text-safety";
import { errorResponse } from "@/server/rest/handler";
import { contactsCsv } from "./contact.export";
import { contactListQuery } from "./contact.schema";

const exportQuery = contactListQuery.pick({ q: true, tag: true, status: true });

export async function handleContactsExport(request: Request): Promise<Response> {
  try {
    const { db } = await requireAdminRequest(request);
    const params = assertNoNulCharacter(Object.fromEntries(new URL(request.url).searchParams));
    const parsed = exportQuery.safeParse(params);
    if (!parsed.success) {
      throw new AppError("validation_failed", parsed.error.issues[0]?.message ?? "Invalid filter.");
    }
    const filter = {
      q: parsed.data.q || undefined,
      tag: parsed.data.tag || undefined,
      status: parsed.data.status,
    };
    const chunks = contactsCsv(db, filter);
    // The first chunk (the header, after the field-name scan) is read before answering, so a
    // database error still becomes a proper error response rather than a truncated file.
    const first = await chunks.next();
    const encoder = new TextEncoder();
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        // A byte-order mark, so spreadsheet apps read the file as UTF-8.
        controller.enqueue(encoder.encode(`\uFEFF${first.done ? "" : first.value}`));
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
    const day = new Date().toISOString().slice(0, 10);
    return new Response(body, {
      status: 200,
      headers: {
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": `attachment; filename="contacts-${day}.csv"`,
        "cache-control": "no-store",
      },
    });
  } catch (error) {
    return errorResponse(error);
  }
}
