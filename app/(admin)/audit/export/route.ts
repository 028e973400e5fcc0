import { auditExport } from "@/server/audit/audit.export";
import { csvDownload } from "@/server/lib/csv-response";
import { adminRoute } from "@/server/rest/admin-route";

export const dynamic = "force-dynamic";

/** The audit log as filtered on the page, as a CSV download. */
export const GET = adminRoute({ permission: "audit.read" }, async ({ db, query }) => {
  const { chunks, fileName } = auditExport(db, query);
  return csvDownload(chunks, fileName);
});
