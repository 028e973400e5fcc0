// The admin UI's audit page: who changed what, filtered, in keyset pages.
import { listAuditLog } from "@/server/audit/audit.queries";
import { auditListQuery, auditPage } from "@/server/audit/audit.schema";
import { adminProcedure, router } from "../init";

export const auditRouter = router({
  list: adminProcedure
    .meta({ permission: "audit.read" })
    .input(auditListQuery)
    .output(auditPage)
    .query(({ ctx, input }) => listAuditLog(ctx.db, input)),
});
