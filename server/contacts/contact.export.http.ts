// GET /contacts/exports/<id>: a finished contact export's CSV file, for signed-in admins, streamed
// from the database part by part.
import { requireAdminRequest } from "@/server/auth/admin-request";
import { csvDownload } from "@/server/lib/csv-response";
import { errorResponse } from "@/server/rest/handler";
import { openContactExportFile } from "./contact.export-job";

export async function handleContactExportDownload(request: Request, id: string): Promise<Response> {
  try {
    const { db } = await requireAdminRequest(request, "contacts.read");
    // Unknown, expired or unfinished exports are refused here, before a byte of the file is sent.
    const file = await openContactExportFile(db, { id });
    return await csvDownload(file.parts, file.export.file_name);
  } catch (error) {
    return errorResponse(error);
  }
}
