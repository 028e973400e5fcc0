// The API's OpenAPI 3.1 document. Public like any API reference: it holds schemas, never data.
import { getOpenApiDocument } from "@/server/openapi/document";

export function GET(): Response {
  return new Response(JSON.stringify(getOpenApiDocument(), null, 2), {
    headers: { "content-type": "application/json; charset=utf-8", "cache-control": "public, max-age=300" },
  });
}
