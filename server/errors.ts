// The one error type services throw, and the one table that maps it to HTTP and tRPC.
import type { TRPC_ERROR_CODE_KEY } from "@trpc/server";
import { reportDatabaseFailure } from "@/db/availability";
import { logger } from "@/server/logging/logger";

export const ERROR_CODES = {
  bad_request: { status: 400, trpc: "BAD_REQUEST" },
  validation_failed: { status: 400, trpc: "BAD_REQUEST" },
  unauthorized: { status: 401, trpc: "UNAUTHORIZED" },
  forbidden: { status: 403, trpc: "FORBIDDEN" },
  not_found: { status: 404, trpc: "NOT_FOUND" },
  conflict: { status: 409, trpc: "CONFLICT" },
  payload_too_large: { status: 413, trpc: "PAYLOAD_TOO_LARGE" },
  unsupported_media_type: { status: 415, trpc: "UNSUPPORTED_MEDIA_TYPE" },
  intent_verification_failed: { status: 422, trpc: "UNPROCESSABLE_CONTENT" },
  target_not_allowed: { status: 422, trpc: "UNPROCESSABLE_CONTENT" },
  rate_limited: { status: 429, trpc: "TOO_MANY_REQUESTS" },
  internal_error: { status: 500, trpc: "INTERNAL_SERVER_ERROR" },
  unavailable: { status: 503, trpc: "SERVICE_UNAVAILABLE" },
} as const satisfies Record<string, { status: number; trpc: TRPC_ERROR_CODE_KEY }>;

export type ErrorCode = keyof typeof ERROR_CODES;

export interface ErrorDetail {
  path: string;
  message: string;
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details: ErrorDetail[] | undefined;
  /** Seconds, for rate_limited and unavailable. */
  readonly retryAfter: number | undefined;

  constructor(
    code: ErrorCode,
    message: string,
    options: { details?: ErrorDetail[]; retryAfter?: number } = {},
  ) {
    super(message);
    this.name = "AppError";
    this.code = code;
    this.details = options.details;
    this.retryAfter = options.retryAfter;
  }

  get status(): number {
    return ERROR_CODES[this.code].status;
  }

  toBody(): { error: { code: ErrorCode; message: string; details?: ErrorDetail[] } } {
    return {
      error: { code: this.code, message: this.message, ...(this.details ? { details: this.details } : {}) },
    };
  }
}

export function notFound(what: string): AppError {
  return new AppError("not_found", `No ${what} with that id.`);
}

/** PostgreSQL's unique_violation, from pg or PGlite. */
export function isUniqueViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { code?: unknown }).code === "23505";
}

/** How long a client is asked to wait while the database is unreachable. */
export const UNAVAILABLE_RETRY_AFTER_SECONDS = 5;

export function unavailable(): AppError {
  return new AppError(
    "unavailable",
    "Hookline can't reach its database right now. Please try again shortly.",
    {
      retryAfter: UNAVAILABLE_RETRY_AFTER_SECONDS,
    },
  );
}

/**
 * Turns any thrown value into an AppError. A lost database is 503 unavailable (logged once per
 * outage, not per request); other unknown errors are logged and hidden behind a 500.
 */
export function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  if (isUniqueViolation(error)) return new AppError("conflict", "That record already exists.");
  if (reportDatabaseFailure(error)) return unavailable();
  logger("errors").error({ err: error }, "unexpected error (answered 500)");
  return new AppError("internal_error", "Something went wrong on our side. Please try again.");
}

/** Turns zod issues into the API's `details` list. */
export function zodDetails(issues: ReadonlyArray<{ path: PropertyKey[]; message: string }>): ErrorDetail[] {
  return issues.map((issue) => ({
    path: issue.path.map(String).join(".") || "(body)",
    message: issue.message,
  }));
}
