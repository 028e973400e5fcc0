// Which methods each /api/v1 and /api/3 route serves, for the 405s Hookline's server answers before
// Next.js (server/runtime/http-server.ts): Next answers a method that a route file doesn't export
// with an empty 405 and no Allow. Pure data; method-guard.test.ts holds it to the route files on
// disk (a new route or method fails that test until it is listed here).
export const API_ROUTES = {
  "/api/v1/contacts": ["GET", "POST"],
  "/api/v1/contacts/{id}": ["GET", "PATCH", "DELETE"],
  "/api/v1/contacts/{id}/tags": ["POST"],
  "/api/v1/contacts/{id}/tags/{tag}": ["DELETE"],
  "/api/v1/events": ["GET"],
  "/api/v1/hooks": ["GET", "POST"],
  "/api/v1/hooks/{id}": ["GET", "PATCH", "DELETE"],
  "/api/v1/hooks/{id}/activate": ["POST"],
  "/api/v1/hooks/{id}/deliveries": ["GET"],
  "/api/v1/hooks/{id}/deliveries/{delivery_id}": ["GET"],
  "/api/v1/hooks/{id}/deliveries/{delivery_id}/redeliver": ["POST"],
  "/api/v1/hooks/{id}/ping": ["POST"],
  "/api/v1/hooks/{id}/recover": ["POST"],
  "/api/v1/hooks/{id}/rotate-secret": ["POST"],
  "/api/v1/hooks/{id}/test": ["POST"],
  "/api/v1/openapi.json": ["GET"],
  "/api/v1/portal-sessions": ["POST"],
  "/api/3/contact/sync": ["POST"],
  "/api/3/contactTags": ["POST"],
  "/api/3/contactTags/{id}": ["DELETE"],
  "/api/3/contacts": ["GET", "POST"],
  "/api/3/contacts/{id}": ["GET", "PUT", "DELETE"],
  "/api/3/fields": ["GET"],
  "/api/3/users/me": ["GET"],
  "/api/3/webhook/events": ["GET"],
  "/api/3/webhooks": ["GET", "POST"],
  "/api/3/webhooks/{id}": ["GET", "PUT", "DELETE"],
} as const satisfies Record<string, ReadonlyArray<"GET" | "POST" | "PUT" | "PATCH" | "DELETE">>;
