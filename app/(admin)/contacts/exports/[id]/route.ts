import { openContactExportFile } from "@/server/contacts/contact.export-job";
import { csvDownload } from "@/server/lib/csv-response";
import { adminRoute } from "@/server/rest/admin-route";

export const dynamic = "force-dynamic";

/** A finished contact export's CSV file, streamed from the database part by part. */
export const GET = adminRoute({ permission: "contacts.read" }, async ({ db, params }) => {
  // Unknown, expired or unfinished exports are refused here, before a byte of the file is sent.
  const file = await openContactExportFile(db, { id: params.id ?? "" });
  return csvDownload(file.parts, file.export.file_name);
});
