// The one wrapper every /api/3 route goes through: ActiveCampaign's v3 API as its clients know it.
// The same API keys and the same services as /api/v1 (server/rest/handler.ts is its twin); what
// differs is AC's wire: the Api-Token header, bodies wrapped in the resource's name, string ids, and
// AC's error bodies — {"errors": [{title, detail, code, source}]} for invalid input (422), and
// {"message"} for the rest (403 for a missing or bad key or one outside its scope, 404 "No Result
// found for …").
import { z } from "zod";
import { authenticateApiKey } from "@/server/auth/api-key.service";
import { getDb } from "@/server/database";
import { AppError, type ErrorDetail, toAppError } from "@/server/errors";
import type { Actor } from "@/server/events/actor";
import {
  jsonResponse,
  type NextRouteContext,
  parseJsonBody,
  type RestContext,
  readApiKey,
  readJsonBodyBytes,
  readPathAndQuery,
  requestOrigin,
} from "@/server/rest/handler";
import { assertScope } from "@/server/rest/scope-guard";
import type { ApiKeyScope } from "@/shared/api-key-scopes";

/** AC's codes for one invalid field, as its API answers them. */
export type AcErrorCode =
  | "field_missing"
  | "field_invalid"
  | "email_invalid"
  | "duplicate"
  | "related_missing";

export interface AcFieldError {
  title: string;
  detail: string;
  code: AcErrorCode;
  /** JSON:API's source: a pointer into the body, or the query parameter. */
  source: { pointer: string } | { parameter: string };
}

/** An answer in AC's own words, thrown by a route when no AppError says it well enough. */
export class AcAnswer extends Error {
  constructor(
    readonly status: number,
    readonly body: Record<string, unknown>,
  ) {
    super(typeof body.message === "string" ? body.message : `ActiveCampaign answer ${status}`);
  }
}

export function unprocessable(errors: AcFieldError[]): AcAnswer {
  return new AcAnswer(422, { errors });
}

export function fieldError(
  attribute: string,
  title: string,
  code: AcErrorCode = "field_invalid",
): AcFieldError {
  return { title, detail: "", code, source: { pointer: `/data/attributes/${attribute}` } };
}

/** The {id} in a path: AC's ids are strings (Hookline's own ids here). */
export const acIdParams = z.object({ id: z.string().max(200) });

type Schema = z.ZodType;
type Infer<S> = S extends z.ZodType ? z.output<S> : undefined;

export interface AcRouteConfig<PS, BS, QS> {
  /** The scope a key needs (null: any valid key), as /api/v1's routes name it. */
  scope: ApiKeyScope | null;
  params?: PS;
  query?: QS;
  /** The body, as AC wraps it: {"webhook": {…}}, {"contact": {…}}. */
  body?: BS;
  /** What the path's {id} names, for AC's 404 text: "No Result found for Webhook with id 7". */
  resource?: string;
  /** Hookline's field names (as the services report them) → the AC attribute a client sent. */
  attributes?: Record<string, string>;
}

export type AcContext<P, B, Q> = Omit<RestContext<P, B, Q>, "actor"> & {
  actor: Extract<Actor, { source: "api" }>;
};
export type AcResult = { status: number; body: unknown };

export function acRoute<
  PS extends Schema | undefined = undefined,
  BS extends Schema | undefined = undefined,
  QS extends Schema | undefined = undefined,
>(
  config: AcRouteConfig<PS, BS, QS>,
  handle: (ctx: AcContext<Infer<PS>, Infer<BS>, Infer<QS>>) => Promise<AcResult>,
): (request: Request, context: NextRouteContext) => Promise<Response> {
  return async (request, context) => {
    let id: string | undefined;
    try {
      // Read (capped) before the key is checked; parsed once it is.
      const bodyBytes = config.body ? await readJsonBodyBytes(request) : undefined;
      const db = await getDb();
      const key = readApiKey(request.headers);
      if (!key) throw new AcAnswer(403, { message: "Send your API key in the Api-Token header." });
      const apiKey = await authenticateApiKey(db, key);
      // AC answers a key that may not do something 403 {"message"}, as it does a bad key.
      assertScope(apiKey, config.scope);
      const raw = await readPathAndQuery(request, context);
      id = typeof raw.params.id === "string" ? raw.params.id : undefined;
      const params = config.params ? config.params.safeParse(raw.params) : undefined;
      if (params && !params.success) throw new AppError("not_found", "Nothing exists at this path.");
      const query = validate(config.query, raw.query, (path) => ({ parameter: path.join(".") }), 400);
      const body = config.body
        ? validate(
            config.body,
            parseJsonBody(request, bodyBytes),
            (path) => pointer(path, config.attributes),
            422,
          )
        : undefined;
      const result = await handle({
        db,
        apiKey,
        actor: { source: "api", apiKeyId: apiKey.id, name: apiKey.name, origin: requestOrigin(request) },
        params: params?.data as Infer<PS>,
        body: body as Infer<BS>,
        query: query as Infer<QS>,
        request,
      });
      return jsonResponse(result.status, result.body);
    } catch (error) {
      return acErrorResponse(error, { resource: config.resource, id, attributes: config.attributes });
    }
  };
}

/**
 * `/data/attributes/<name>`: the AC body's wrapper ("webhook", "contact") is left out, as AC's own
 * pointers leave it, and a Hookline field name becomes the attribute the client sent.
 */
function pointer(path: ReadonlyArray<PropertyKey>, attributes: Record<string, string> = {}) {
  const segments = path.map(String);
  if (WRAPPERS.has(segments[0] ?? "")) segments.shift();
  const [name, ...tail] = segments;
  const named = name === undefined ? [] : [attributes[name] ?? name, ...tail];
  return { pointer: ["/data/attributes", ...named].join("/") };
}

const WRAPPERS = new Set(["webhook", "contact", "contactTag"]);

function validate(
  schema: Schema | undefined,
  value: unknown,
  source: (path: ReadonlyArray<PropertyKey>) => AcFieldError["source"],
  status: number,
): unknown {
  if (!schema) return undefined;
  const result = schema.safeParse(value, { reportInput: true });
  if (result.success) return result.data;
  const errors = result.error.issues.map(
    (issue): AcFieldError => ({
      title: issue.message,
      detail: "",
      code: issueCode(issue),
      source: source(issue.path),
    }),
  );
  throw new AcAnswer(status, { errors });
}

function issueCode(issue: z.core.$ZodIssue): AcErrorCode {
  if (issue.code === "invalid_type" && issue.input === undefined) return "field_missing";
  if (issue.code === "invalid_format" && issue.format === "email") return "email_invalid";
  return "field_invalid";
}

function detailErrors(
  details: ErrorDetail[] | undefined,
  title: string,
  code: AcErrorCode,
  attributes?: Record<string, string>,
): AcFieldError[] {
  const list = details?.length ? details : [{ path: "", message: title }];
  return list.map((detail) => ({
    title: detail.message,
    detail: "",
    code,
    source: pointer(detail.path ? detail.path.split(".") : [], attributes),
  }));
}

/** Any thrown value as AC would have answered it. Unknown errors are logged and hidden (toAppError). */
export function acErrorResponse(
  error: unknown,
  context: {
    resource?: string | undefined;
    id?: string | undefined;
    attributes?: Record<string, string>;
  } = {},
): Response {
  if (error instanceof AcAnswer) return jsonResponse(error.status, error.body);
  const appError = toAppError(error);
  const headers: Record<string, string> = {};
  if (appError.retryAfter !== undefined) headers["retry-after"] = String(appError.retryAfter);
  switch (appError.code) {
    case "validation_failed":
    case "intent_verification_failed":
    case "target_not_allowed":
      return jsonResponse(422, {
        errors: detailErrors(
          appError.details ??
            (appError.code === "target_not_allowed"
              ? [{ path: "target_url", message: appError.message }]
              : undefined),
          appError.message,
          "field_invalid",
          context.attributes,
        ),
      });
    case "conflict":
      // With details it is a value already taken (a contact's email); otherwise a state that forbids it.
      return jsonResponse(422, {
        errors: detailErrors(
          appError.details,
          appError.message,
          appError.details ? "duplicate" : "field_invalid",
          context.attributes,
        ),
      });
    case "unauthorized":
      return jsonResponse(403, { message: appError.message }, headers);
    case "not_found":
      return jsonResponse(
        404,
        {
          message:
            context.resource && context.id !== undefined
              ? `No Result found for ${context.resource} with id ${context.id}`
              : appError.message,
        },
        headers,
      );
    default:
      return jsonResponse(appError.status, { message: appError.message }, headers);
  }
}
