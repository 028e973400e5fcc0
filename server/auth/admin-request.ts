// For route handlers that serve signed-in admins outside tRPC (file uploads and downloads).
import type { Db } from "@/db";
import { getDb } from "@/server/database";
import { AppError } from "@/server/errors";
import type { Action } from "@/shared/permissions";
import { assertCan } from "./authorize";
import { getSessionUser, type SessionUser } from "./session.service";
import { readSessionToken } from "./session-cookie";
import { TWO_FACTOR_SETUP_REQUIRED } from "./two-factor/two-factor-requirement.service";

/**
 * The database and the user whose session cookie came with the request: 401 without one, 403
 * when their role does not allow `action`.
 */
export async function requireAdminRequest(
  request: Request,
  action: Action,
): Promise<{ db: Db; user: SessionUser }> {
  const db = await getDb();
  const user = await getSessionUser(db, readSessionToken(request.headers.get("cookie")));
  if (!user) throw new AppError("unauthorized", "Sign in to continue.");
  assertCan(user, action);
  if (user.mustSetUpTwoFactor) throw new AppError("forbidden", TWO_FACTOR_SETUP_REQUIRED);
  return { db, user };
}
