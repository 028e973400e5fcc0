import { getDatabase } from "@/server/database";
import { jsonResponse } from "@/server/rest/handler";

export const dynamic = "force-dynamic";

export async function GET(): Promise<Response> {
  try {
    await getDatabase();
    return jsonResponse(200, { ok: true });
  } catch {
    return jsonResponse(503, { ok: false });
  }
}
