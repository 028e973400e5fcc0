// The one tRPC init: context, error shape and the base procedures every router builds on.
import "server-only";
import { initTRPC, TRPCError } from "@trpc/server";
import { ZodError } from "zod";
import type { Db } from "@/db";
import { assertCan } from "@/server/auth/authorize";
import { getSessionUser, type SessionUser } from "@/server/auth/session.service";
import { readSessionToken, readSignInChallengeToken } from "@/server/auth/session-cookie";
import { TWO_FACTOR_SETUP_REQUIRED } from "@/server/auth/two-factor/two-factor-requirement.service";
import {
  AppError,
  ERROR_CODES,
  type ErrorCode,
  type ErrorDetail,
  toAppError,
  zodDetails,
} from "@/server/errors";
import type { Actor } from "@/server/events/actor";
import { clientAddress } from "@/server/lib/client-address";
import { assertNoNulCharacter } from "@/server/lib/text-safety";
import type { PortalSession } from "@/server/portal/portal-session.service";
import type { Action } from "@/shared/permissions";

export interface TrpcContext {
  db: Db;
  user: SessionUser | null;
  sessionToken: string | undefined;
  /** Between the password and the second factor: the sign-in this browser started. */
  signInChallengeToken: string | undefined;
  ip: string;
  userAgent: string | null;
  secure: boolean;
  /** Headers to add to the HTTP answer (Set-Cookie). */
  resHeaders: Headers;
  /**
   * The portal's endpoint only (server/trpc/portal.ts): the session its link's token opens, null
   * for a bad one. Admin procedures never look at it, so a portal token opens nothing of theirs.
   */
  portal?: PortalSession | null;
}

export async function createTrpcContext(options: {
  db: Db;
  headers: Headers;
  secure: boolean;
  resHeaders: Headers;
}): Promise<TrpcContext> {
  const cookieHeader = options.headers.get("cookie");
  const sessionToken = readSessionToken(cookieHeader);
  // Thrown here, an error would reach tRPC unmapped (a 500): map it as procedures' errors are.
  const user = await getSessionUser(options.db, sessionToken).catch((error: unknown) => {
    throw toTrpcError(error);
  });
  return {
    db: options.db,
    user,
    sessionToken,
    signInChallengeToken: readSignInChallengeToken(cookieHeader),
    ip: clientAddress(options.headers),
    userAgent: options.headers.get("user-agent"),
    secure: options.secure,
    resHeaders: options.resHeaders,
  };
}

/**
 * Every procedure says who may call it: `public` (anyone, signed in or not) or an action from the
 * permission table. A signed-in procedure without one is refused for everybody, and the
 * permission matrix test fails, so a new procedure can't slip through unruled.
 */
export interface ProcedureMeta {
  permission: Action | "public";
}

const t = initTRPC
  .context<TrpcContext>()
  .meta<ProcedureMeta>()
  .create({
    errorFormatter({ shape, error }) {
      const cause = error.cause;
      let code: ErrorCode = "internal_error";
      let details: ErrorDetail[] | undefined;
      if (cause instanceof ZodError) {
        code = "validation_failed";
        details = zodDetails(cause.issues);
      } else if (cause && "code" in cause && typeof cause.code === "string" && cause.code in ERROR_CODES) {
        code = cause.code as ErrorCode;
        details = (cause as { details?: ErrorDetail[] }).details;
      } else if (error.code === "UNAUTHORIZED") {
        code = "unauthorized";
      } else if (error.code === "BAD_REQUEST") {
        code = "bad_request";
      }
      // An input error's own message is its issues as JSON; the client shows a message to a person.
      const message =
        code === "internal_error"
          ? "Something went wrong on our side. Please try again."
          : cause instanceof ZodError
            ? [...new Set((details ?? []).map((detail) => detail.message))].join(" ")
            : shape.message;
      return {
        ...shape,
        message,
        data: { code: shape.data.code, httpStatus: shape.data.httpStatus, appCode: code, details },
      };
    },
  });

/** Every AppError (and unknown error) becomes a TRPCError with the status from the one table. */
const mapErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (
    !result.ok &&
    !(result.error.cause instanceof ZodError) &&
    result.error.code === "INTERNAL_SERVER_ERROR"
  ) {
    throw toTrpcError(result.error.cause ?? result.error);
  }
  return result;
});

export function toTrpcError(error: unknown): TRPCError {
  const appError = toAppError(error);
  return new TRPCError({ code: ERROR_CODES[appError.code].trpc, message: appError.message, cause: appError });
}

/** Retry-After for answers that carry one (rate_limited, unavailable), as REST sends it. */
export function retryAfterHeaders(errors: ReadonlyArray<TRPCError>): Record<string, string> | undefined {
  const seconds = errors.map((error) =>
    error.cause instanceof AppError ? error.cause.retryAfter : undefined,
  );
  const longest = Math.max(0, ...seconds.filter((value): value is number => value !== undefined));
  return longest > 0 ? { "retry-after": String(longest) } : undefined;
}

/** PostgreSQL can't store NUL: refuse it here with a field error instead of failing in a query. */
const refuseNulInput = t.middleware(async ({ getRawInput, next }) => {
  try {
    assertNoNulCharacter(await getRawInput());
  } catch (cause) {
    throw new TRPCError({ code: "BAD_REQUEST", message: (cause as Error).message, cause });
  }
  return next();
});

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;
export const publicProcedure = t.procedure.use(mapErrors).use(refuseNulInput);

/**
 * Any signed-in user whose role allows the procedure's `permission`, including one who must set up
 * two-factor sign-in before anything else: only for what that set-up needs (their own account,
 * signing out).
 */
export const signedInProcedure = publicProcedure.use(({ ctx, meta, next }) => {
  if (!ctx.user) throw new TRPCError({ code: "UNAUTHORIZED", message: "Sign in to continue." });
  const permission = meta?.permission;
  if (!permission || permission === "public") {
    throw new AppError("forbidden", "This action has no permission rule, so no one may use it.");
  }
  assertCan(ctx.user, permission);
  const actor: Actor = {
    source: "admin",
    userId: ctx.user.id,
    email: ctx.user.email,
    origin: { ip: ctx.ip, userAgent: ctx.userAgent },
  };
  return next({ ctx: { ...ctx, user: ctx.user, actor } });
});

/** A signed-in user with nothing left to set up: everything else in the admin UI. */
export const adminProcedure = signedInProcedure.use(({ ctx, next }) => {
  if (ctx.user.mustSetUpTwoFactor) throw new AppError("forbidden", TWO_FACTOR_SETUP_REQUIRED);
  return next();
});
