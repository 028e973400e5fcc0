// GET /contacts/export?q=&tag=&status=: the contacts list as the admin filtered it, as a CSV file.
import { requireAdminRequest } from "@/server/auth/admin-request";
import { AppError } from "@/server/errors";
import { csvDownload } from "@/server/lib/csv-response";
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
    const day = new Date().toISOString().slice(0, 10);
    return await csvDownload(contactsCsv(db, filter), `contacts-${day}.csv`);
  } catch (error) {
    return errorResponse(error);
  }
}
