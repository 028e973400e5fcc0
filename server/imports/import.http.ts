// The two import endpoints that move files rather than JSON: the upload and the rejected-rows download.
// Both are for signed-in admins; the upload, being a write under a cookie, only from our own pages.
import { requireAdminRequest as requireAdmin } from "@/server/auth/admin-request";
import { AppError } from "@/server/errors";
import { isSameOrigin } from "@/server/lib/request";
import { readBody, refuseDeclaredOversize } from "@/server/lib/request-body";
import { errorResponse, jsonResponse } from "@/server/rest/handler";
import { MAX_IMPORT_BYTES } from "./import.schema";
import { createImportDraft, fileTooLarge, rejectedRowsCsv } from "./import.service";

/**
 * POST /imports/upload?name=<file name>, body = the CSV file as is. Answers the preview. The one
 * route that reads more than BODY_LIMIT, so it reads only for a signed-in admin: an oversized
 * declared length is refused first, then the session is checked, then the file is read (capped).
 */
export async function handleImportUpload(request: Request): Promise<Response> {
  try {
    refuseDeclaredOversize(request, MAX_IMPORT_BYTES, fileTooLarge);
    if (!isSameOrigin(request.headers))
      throw new AppError("forbidden", "Cross-origin requests are not allowed.");
    const { db, user } = await requireAdmin(request, "imports.write");
    const bytes = await readFile(request);
    const name = new URL(request.url).searchParams.get("name") ?? "import.csv";
    return jsonResponse(201, await createImportDraft(db, { fileName: name, bytes, createdBy: user.id }));
  } catch (error) {
    return errorResponse(error);
  }
}

async function readFile(request: Request): Promise<Uint8Array> {
  const bytes = await readBody(request, MAX_IMPORT_BYTES, fileTooLarge);
  if (bytes.byteLength === 0) throw new AppError("bad_request", "The file is empty.");
  return bytes;
}

/** GET /imports/<id>/rejected: the rejected rows with their reasons, as a CSV download. */
export async function handleRejectedDownload(request: Request, id: string): Promise<Response> {
  try {
    const { db } = await requireAdmin(request, "imports.read");
    const { fileName, csv } = await rejectedRowsCsv(db, id);
    return new Response(`\uFEFF${csv}`, {
      status: 200,
      headers: {
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": `attachment; filename="${fileName.replace(/[^\w.-]/g, "_")}"`,
        "cache-control": "no-store",
      },
    });
  } catch (error) {
    return errorResponse(error);
  }
}
