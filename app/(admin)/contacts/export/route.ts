import { handleContactsExport } from "@/server/contacts/contact.export.http";

export const dynamic = "force-dynamic";

export async function GET(request: Request): Promise<Response> {
  return handleContactsExport(request);
}
