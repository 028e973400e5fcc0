// The one wrapper every /api/v1 route goes through: API-key auth, JSON body limits, zod validation,
// and the {"error": {code, message, details}} body for every failure.
import "server-only";
import type { z } from "zod";
import type { Db } from "@/db";
import { type ApiKeyPrincipal, authenticateApiKey } from "@/server/auth/api-key.service";
import { getDb } from "@/server/database";
import { AppError, toAppError, zodDetails } from "@/server/errors";
import type { Actor, RequestOrigin } from "@/server/events/actor";
import { clientAddress } from "@/server/lib/client-address";
import { BODY_LIMIT, readBody } from "@/server/lib/request-body";
import { assertNoNulCharacter, findNulCharacter } from "@/server/lib/text-safety";
import { assertScope } from "@/server/rest/scope-guard";
import type { ApiKeyScope } from "@/shared/api-key-scopes";

export const MAX_BODY_BYTES = BODY_LIMIT;

type Schema = z.ZodType;
type Infer<S> = S extends z.ZodType ? z.output<S> : undefined;

export interface RestContext<P, B, Q> {
  db: Db;
  apiKey: ApiKeyPrincipal;
  actor: Actor;
  params: P;
  body: B;
  query: Q;
  request: Request;
}

export interface RestRouteConfig<PS, BS, QS> {
  /**
   * The scope a key needs (null: any valid key). Required, so no route can forget it; the OpenAPI
   * operation names the same scope, and api-key-scopes.rest.test.ts holds the two together.
   */
  scope: ApiKeyScope | null;
  params?: PS;
  body?: BS;
  /** The body may be left out altogether (no bytes, no content type): validated as `{}` then. */
  bodyOptional?: boolean;
  query?: QS;
}

/** What a route returns: a status and a JSON body, or nothing for 204. */
export type RestResult = { status: number; body?: unknown; headers?: Record<string, string> };

export type NextRouteContext = { params: Promise<Record<string, string | string[]>> };

export function restRoute<
  PS extends Schema | undefined = undefined,
  BS extends Schema | undefined = undefined,
  QS extends Schema | undefined = undefined,
>(
  config: RestRouteConfig<PS, BS, QS>,
  handle: (ctx: RestContext<Infer<PS>, Infer<BS>, Infer<QS>>) => Promise<RestResult>,
): (request: Request, context: NextRouteContext) => Promise<Response> {
  return async (request, context) => {
    try {
      // The body is read (capped) before anything else; it is judged only once the caller is known.
      const bodyBytes = config.body ? await readJsonBodyBytes(request, config.bodyOptional) : undefined;
      const db = await getDb();
      const apiKey = await authenticateApiKey(db, readApiKey(request.headers));
      // Before the input is judged: a key outside its scope learns nothing more than "not allowed".
      assertScope(apiKey, config.scope);
      const raw = await readPathAndQuery(request, context);
      const params = validate(config.params, raw.params, "path");
      const query = validate(config.query, raw.query, "query");
      const body = config.body
        ? validate(
            config.body,
            bodyBytes?.length === 0 && config.bodyOptional ? {} : parseJsonBody(request, bodyBytes),
            "body",
          )
        : undefined;
      const result = await handle({
        db,
        apiKey,
        actor: { source: "api", apiKeyId: apiKey.id, name: apiKey.name, origin: requestOrigin(request) },
        params: params as Infer<PS>,
        body: body as Infer<BS>,
        query: query as Infer<QS>,
        request,
      });
      return jsonResponse(result.status, result.body, result.headers);
    } catch (error) {
      return errorResponse(error);
    }
  };
}

/**
 * The path's parameters and the query string, unvalidated. An id no record can have (PostgreSQL
 * text can't hold NUL) names nothing: 404; a NUL in the query is a 400.
 */
export async function readPathAndQuery(
  request: Request,
  context: NextRouteContext,
): Promise<{ params: Record<string, string | string[]>; query: Record<string, string> }> {
  // A route without [parameters] gets no params at all from Next.js.
  const params = (await context.params) ?? {};
  if (findNulCharacter(params)) throw new AppError("not_found", "Nothing exists at this path.");
  return { params, query: assertNoNulCharacter(Object.fromEntries(new URL(request.url).searchParams)) };
}

/** The caller's address and User-Agent, for the audit log of what the call changes. */
export function requestOrigin(request: Request): RequestOrigin {
  return { ip: clientAddress(request.headers), userAgent: request.headers.get("user-agent") };
}

export function readApiKey(headers: Headers): string | null {
  const authorization = headers.get("authorization");
  if (authorization) {
    const match = /^Bearer\s+(\S+)$/i.exec(authorization.trim());
    return match?.[1] ?? null;
  }
  return headers.get("api-token")?.trim() || null;
}

function validate(schema: Schema | undefined, value: unknown, where: "path" | "query" | "body"): unknown {
  if (!schema) return undefined;
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const message =
    where === "body"
      ? "The request body is not valid."
      : `The request ${where === "path" ? "path" : "query"} is not valid.`;
  throw new AppError("validation_failed", message, { details: zodDetails(result.error.issues) });
}

function isJson(request: Request): boolean {
  return /^application\/(.+\+)?json\s*(;|$)/i.test(request.headers.get("content-type") ?? "");
}

/**
 * A JSON route's body, read (capped at MAX_BODY_BYTES) before the caller is authenticated and
 * parsed (parseJsonBody) once it is; undefined when the content type is not JSON (refused then),
 * unless the body is optional and none was sent (empty then).
 */
export async function readJsonBodyBytes(request: Request, optional = false): Promise<Buffer | undefined> {
  if (isJson(request)) return readBody(request, MAX_BODY_BYTES);
  if (optional && !request.headers.get("content-type")) {
    const bytes = await readBody(request, MAX_BODY_BYTES);
    return bytes.length === 0 ? bytes : undefined;
  }
  return undefined;
}

/** The JSON object in a body already read (raw is undefined when the content type is not JSON). */
export function parseJsonBody(request: Request, raw: Buffer | undefined): unknown {
  if (!raw || !isJson(request)) {
    throw new AppError(
      "unsupported_media_type",
      "Send the request body as JSON (Content-Type: application/json).",
    );
  }
  const text = raw.toString("utf8");
  if (text.trim() === "") throw new AppError("bad_request", "The request body is empty; send a JSON object.");
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new AppError("bad_request", "The request body is not valid JSON.");
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    throw new AppError("bad_request", "The request body must be a JSON object.");
  }
  return assertNoNulCharacter(parsed);
}

export function jsonResponse(status: number, body?: unknown, headers: Record<string, string> = {}): Response {
  if (status === 204 || body === undefined) return new Response(null, { status, headers });
  return new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json; charset=utf-8", ...headers },
  });
}

export function errorResponse(error: unknown): Response {
  const appError = toAppError(error);
  const headers: Record<string, string> = {};
  if (appError.retryAfter !== undefined) headers["retry-after"] = String(appError.retryAfter);
  return jsonResponse(appError.status, appError.toBody(), headers);
}
