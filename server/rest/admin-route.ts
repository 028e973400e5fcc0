// The one wrapper every admin route outside tRPC goes through (file uploads and downloads, served
// under the admin pages' paths): the session cookie, the permission the route names — as a tRPC
// procedure names its action — and the {"error": {code, message, details}} body for every failure.
// restRoute (handler.ts) is its sibling for API keys.
import "server-only";
import type { Db } from "@/db";
import { assertCan } from "@/server/auth/authorize";
import { getSessionUser, type SessionUser } from "@/server/auth/session.service";
import { readSessionToken } from "@/server/auth/session-cookie";
import { TWO_FACTOR_SETUP_REQUIRED } from "@/server/auth/two-factor/two-factor-requirement.service";
import { getDb } from "@/server/database";
import { AppError } from "@/server/errors";
import { isSameOrigin } from "@/server/lib/request";
import type { Action } from "@/shared/permissions";
import { errorResponse, type NextRouteContext, readPathAndQuery } from "./handler";

export interface AdminRouteConfig {
  /** What the signed-in user must be allowed to do (shared/permissions.ts). Required, like a procedure's. */
  permission: Action;
  /** Writes under a cookie: refused unless the request comes from our own pages. */
  sameOriginOnly?: boolean;
  /** Cheap refusals that come before the session is even read (a declared length over a cap). */
  beforeSession?: (request: Request) => void;
}

export interface AdminRouteContext {
  db: Db;
  user: SessionUser;
  /** The path's parameters (one segment each); a NUL in one is a 404. */
  params: Record<string, string>;
  /** The query string, NUL refused (400). */
  query: Record<string, string>;
  request: Request;
}

/**
 * The database and the user whose session cookie came with the request: 401 without one, 403
 * when their role does not allow `action` or they still have to set up two-factor sign-in.
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

/** What a route without [parameters] is called with (tests call such routes with the request alone). */
const NO_PARAMS: NextRouteContext = { params: Promise.resolve({}) };

export function adminRoute(
  config: AdminRouteConfig,
  handle: (ctx: AdminRouteContext) => Promise<Response>,
): (request: Request, context?: NextRouteContext) => Promise<Response> {
  return async (request, context) => {
    try {
      config.beforeSession?.(request);
      if (config.sameOriginOnly && !isSameOrigin(request.headers)) {
        throw new AppError("forbidden", "Cross-origin requests are not allowed.");
      }
      const { db, user } = await requireAdminRequest(request, config.permission);
      const { params, query } = await readPathAndQuery(request, context ?? NO_PARAMS);
      return await handle({ db, user, params: params as Record<string, string>, query, request });
    } catch (error) {
      return errorResponse(error);
    }
  };
}
