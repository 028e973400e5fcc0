import { handleContactExportDownload } from "@/server/contacts/contact.export.http";

export const dynamic = "force-dynamic";

export async function GET(request: Request, context: { params: Promise<{ id: string }> }): Promise<Response> {
  return handleContactExportDownload(request, (await context.params).id);
}
