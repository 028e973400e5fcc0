import { handleRejectedDownload } from "@/server/imports/import.http";

export const dynamic = "force-dynamic";

export async function GET(request: Request, context: { params: Promise<{ id: string }> }): Promise<Response> {
  return handleRejectedDownload(request, (await context.params).id);
}
