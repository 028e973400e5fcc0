// The OpenAPI 3.1 document of /api/v1 and /api/3, built from API_OPERATIONS and AC_OPERATIONS:
// served at /api/v1/openapi.json and rendered at /docs/api.
import { z } from "zod";
import {
  createDocument,
  type oas31,
  type ZodOpenApiOperationObject,
  type ZodOpenApiPathsObject,
  type ZodOpenApiResponseObject,
  type ZodOpenApiResponsesObject,
} from "zod-openapi";
import packageJson from "@/package.json" with { type: "json" };
import { ERROR_CODES, type ErrorCode } from "@/server/errors";
import { API_KEY_SCOPE_DESCRIPTIONS, API_KEY_SCOPES } from "@/shared/api-key-scopes";
import { AC_OPERATIONS } from "./activecampaign.operations";
import { API_OPERATIONS, API_TAGS, type ApiOperation } from "./operations";

export type OpenApiDocument = oas31.OpenAPIObject;

const ERROR_DESCRIPTIONS: Record<ErrorCode, string> = {
  bad_request: "The request is malformed (not JSON, not an object, a bad cursor).",
  validation_failed: "A field has the wrong type or value; `details` lists each one.",
  unauthorized: "No API key, an unknown one, a revoked one, or an expired one.",
  forbidden:
    "Not allowed: the API key lacks the scope this operation needs (or, to activate, a wrong X-Hook-Secret).",
  not_found: "No such resource, or it belongs to another API key.",
  conflict: "The change conflicts with the current state.",
  payload_too_large: "The request body is over 1 MiB.",
  unsupported_media_type: "A write whose Content-Type is not JSON.",
  intent_verification_failed: "The target did not accept the verification request.",
  target_not_allowed:
    "The target resolves to a loopback, private, link-local, multicast, reserved or metadata address.",
  rate_limited: "Too many requests; wait for Retry-After seconds.",
  internal_error: "Something failed on our side.",
  unavailable: "The database is unreachable for now; retry after Retry-After seconds.",
};

const errorBody = z
  .object({
    error: z.object({
      code: z.enum(Object.keys(ERROR_CODES) as [ErrorCode, ...ErrorCode[]]),
      message: z.string().meta({ description: "One human sentence." }),
      details: z
        .array(z.object({ path: z.string(), message: z.string() }))
        .optional()
        .meta({ description: "Per-field problems, for validation_failed." }),
    }),
  })
  .meta({ id: "Error" });

const acFieldErrors = z
  .object({
    errors: z.array(
      z.object({
        title: z.string().meta({ description: "One human sentence." }),
        detail: z.string(),
        code: z.enum(["field_missing", "field_invalid", "email_invalid", "duplicate", "related_missing"]),
        source: z.union([
          z.object({ pointer: z.string().meta({ example: "/data/attributes/email" }) }),
          z.object({ parameter: z.string().meta({ example: "limit" }) }),
        ]),
      }),
    ),
  })
  .meta({ id: "AcErrors" });
const acMessage = z.object({ message: z.string() }).meta({ id: "AcMessage" });

/** What an /api/3 operation can answer besides success, as ActiveCampaign answers it. */
function acErrorResponses(operation: ApiOperation): Record<string, ZodOpenApiResponseObject> {
  const fieldErrors = { content: { "application/json": { schema: acFieldErrors } } };
  const message = { content: { "application/json": { schema: acMessage } } };
  const responses: Record<string, ZodOpenApiResponseObject> = {
    "403": {
      description: operation.scope
        ? "No API key in Api-Token, an unknown, revoked or expired one, or one without the scope this operation needs."
        : "No API key in Api-Token, an unknown one, a revoked one, or an expired one.",
      ...message,
    },
  };
  if (operation.body) {
    responses["400"] = { description: "The body is not valid JSON, or not an object.", ...message };
    responses["413"] = { description: "The request body is over 1 MiB.", ...message };
    responses["415"] = { description: "A body whose Content-Type is not JSON.", ...message };
    responses["422"] = {
      description:
        "A field is missing or invalid (or, for a contact, its email is in use); `source` points at it.",
      ...fieldErrors,
    };
  } else if (operation.query) {
    responses["400"] = {
      description: "A query parameter is invalid; `source.parameter` names it.",
      ...fieldErrors,
    };
  }
  if (operation.params) responses["404"] = { description: '"No Result found for … with id …".', ...message };
  responses["500"] = { description: "Something failed on our side.", ...message };
  return responses;
}

/** The error codes an operation can answer, from what it takes plus what it declares. */
export function errorCodesOf(operation: ApiOperation): ErrorCode[] {
  const codes = new Set<ErrorCode>(operation.auth === false ? [] : ["unauthorized"]);
  if (operation.body) {
    for (const code of [
      "bad_request",
      "validation_failed",
      "unsupported_media_type",
      "payload_too_large",
    ] as const) {
      codes.add(code);
    }
  }
  if (operation.query) {
    codes.add("bad_request");
    codes.add("validation_failed");
  }
  if (operation.params) codes.add("not_found");
  if (operation.scope) codes.add("forbidden");
  for (const code of operation.errors ?? []) codes.add(code);
  codes.add("internal_error");
  codes.add("unavailable");
  return [...codes].sort((a, b) => ERROR_CODES[a].status - ERROR_CODES[b].status);
}

function responsesOf(operation: ApiOperation): ZodOpenApiResponsesObject {
  const { response } = operation;
  const responses: Record<string, ZodOpenApiResponseObject> = {
    [String(response.status)]: {
      description: response.description,
      ...(response.schema ? { content: { "application/json": { schema: response.schema } } } : {}),
    },
  };
  if (operation.dialect === "activecampaign") {
    return { ...responses, ...acErrorResponses(operation) } as ZodOpenApiResponsesObject;
  }
  const byStatus = new Map<number, ErrorCode[]>();
  for (const code of errorCodesOf(operation)) {
    const status = ERROR_CODES[code].status;
    byStatus.set(status, [...(byStatus.get(status) ?? []), code]);
  }
  for (const [status, codes] of byStatus) {
    responses[String(status)] = {
      description: codes.map((code) => `\`${code}\`: ${ERROR_DESCRIPTIONS[code]}`).join(" "),
      content: { "application/json": { schema: errorBody } },
    };
  }
  return responses as ZodOpenApiResponsesObject;
}

function toOperationObject(operation: ApiOperation): ZodOpenApiOperationObject {
  const requestParams: NonNullable<ZodOpenApiOperationObject["requestParams"]> = {};
  if (operation.params) requestParams.path = operation.params;
  if (operation.query) requestParams.query = operation.query;
  if (operation.headers) requestParams.header = operation.headers;
  return {
    operationId: operation.operationId,
    tags: [operation.tag],
    ...(operation.auth === false ? { security: [] } : {}),
    // OpenAPI 3.1 lets a non-OAuth requirement list the roles it needs: here, the key's scope.
    ...(operation.scope
      ? { security: [{ bearerAuth: [operation.scope] }, { apiToken: [operation.scope] }] }
      : {}),
    summary: operation.summary,
    ...(operation.description ? { description: operation.description } : {}),
    ...(Object.keys(requestParams).length ? { requestParams } : {}),
    ...(operation.body
      ? {
          requestBody: {
            required: !operation.bodyOptional,
            content: { "application/json": { schema: operation.body } },
          },
        }
      : {}),
    responses: responsesOf(operation),
  };
}

/** "List contacts." → "list contacts": a sentence made a clause inside another one. */
function asClause(sentence: string): string {
  return sentence.charAt(0).toLowerCase() + sentence.slice(1).replace(/\.$/, "");
}

export function buildOpenApiDocument(
  operations: ApiOperation[] = [...API_OPERATIONS, ...AC_OPERATIONS],
): OpenApiDocument {
  const paths: ZodOpenApiPathsObject = {};
  for (const operation of operations) {
    const item = paths[operation.path] ?? {};
    paths[operation.path] = item;
    if (item[operation.method]) throw new Error(`Duplicate operation ${operation.method} ${operation.path}`);
    item[operation.method] = toOperationObject(operation);
  }
  return createDocument({
    openapi: "3.1.0",
    info: {
      title: "Hookline API",
      version: packageJson.version,
      description:
        'Contacts and REST Hooks subscriptions. Bodies are JSON; errors are `{"error": {"code", "message", "details"?}}`; ' +
        'lists take `limit` (1–100, default 25) and `cursor` and answer `{"data", "next_cursor"}`. ' +
        "An API key has full access, or only the scopes an admin chose for it: " +
        API_KEY_SCOPES.map(
          (scope) => `\`${scope}\` (${asClause(API_KEY_SCOPE_DESCRIPTIONS[scope].description)})`,
        ).join("; ") +
        ". Each operation names the scope it needs; a key without it gets `403 forbidden` and nothing changes. " +
        "A key may also expire: from then on it gets `401 unauthorized`, like a revoked key.",
    },
    tags: API_TAGS.map((tag) => ({ ...tag })),
    security: [{ bearerAuth: [] }, { apiToken: [] }],
    components: {
      securitySchemes: {
        bearerAuth: {
          type: "http",
          scheme: "bearer",
          description:
            "`Authorization: Bearer hk_…` with an API key from the admin UI or `npm run cli -- api-key create`.",
        },
        apiToken: {
          type: "apiKey",
          in: "header",
          name: "Api-Token",
          description: "The same API key in an `Api-Token` header (ActiveCampaign style).",
        },
      },
    },
    paths,
  });
}

let cached: OpenApiDocument | undefined;

/** Built once per process: the schemas don't change while it runs. */
export function getOpenApiDocument(): OpenApiDocument {
  cached ??= buildOpenApiDocument();
  return cached;
}
