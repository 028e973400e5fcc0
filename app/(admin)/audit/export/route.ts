import { handleAuditExport } from "@/server/audit/audit.export.http";

export const dynamic = "force-dynamic";

export async function GET(request: Request): Promise<Response> {
  return handleAuditExport(request);
}
