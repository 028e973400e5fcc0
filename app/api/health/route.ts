// GET /api/health: 200 once the database is migrated and answers; 503 while it doesn't (a load
// balancer then sends traffic elsewhere, a supervisor knows to wait).
import { sql } from "kysely";
import { getDatabase } from "@/server/database";
import { toAppError } from "@/server/errors";
import { jsonResponse } from "@/server/rest/handler";

export const dynamic = "force-dynamic";

export async function GET(): Promise<Response> {
  try {
    const { db } = await getDatabase();
    await sql`select 1`.execute(db);
    return jsonResponse(200, { ok: true });
  } catch (error) {
    const appError = toAppError(error);
    const headers: Record<string, string> = appError.retryAfter
      ? { "retry-after": String(appError.retryAfter) }
      : {};
    return jsonResponse(503, { ok: false, ...appError.toBody() }, headers);
  }
}
