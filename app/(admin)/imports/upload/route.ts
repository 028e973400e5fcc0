import { AppError } from "@/server/errors";
import { MAX_IMPORT_BYTES } from "@/server/imports/import.schema";
import { createImportDraft, fileTooLarge } from "@/server/imports/import.service";
import { readBody, refuseDeclaredOversize } from "@/server/lib/request-body";
import { adminRoute } from "@/server/rest/admin-route";
import { jsonResponse } from "@/server/rest/handler";

export const dynamic = "force-dynamic";

/**
 * POST /imports/upload?name=<file name>, body = the CSV file as is. Answers the preview. The one
 * route that reads more than BODY_LIMIT, so it reads only for a signed-in admin: an oversized
 * declared length is refused first, then the session is checked, then the file is read (capped).
 */
export const POST = adminRoute(
  {
    permission: "imports.write",
    sameOriginOnly: true,
    beforeSession: (request) => refuseDeclaredOversize(request, MAX_IMPORT_BYTES, fileTooLarge),
  },
  async ({ db, user, query, request }) => {
    const bytes = await readBody(request, MAX_IMPORT_BYTES, fileTooLarge);
    if (bytes.byteLength === 0) throw new AppError("bad_request", "The file is empty.");
    const draft = await createImportDraft(db, {
      fileName: query.name ?? "import.csv",
      bytes,
      createdBy: user.id,
    });
    return jsonResponse(201, draft);
  },
);
