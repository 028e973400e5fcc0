import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { isHttps } from "@/server/auth/session-cookie";
import { getDb } from "@/server/database";
import { AppError } from "@/server/errors";
import { isSameOrigin } from "@/server/lib/request";
import { errorResponse } from "@/server/rest/handler";
import { createTrpcContext } from "@/server/trpc/init";
import { appRouter } from "@/server/trpc/root";

async function handler(request: Request): Promise<Response> {
  // Mutations change state under a cookie: only JSON from our own pages may make them.
  if (request.method !== "GET") {
    const contentType = request.headers.get("content-type") ?? "";
    if (!contentType.toLowerCase().startsWith("application/json")) {
      return errorResponse(new AppError("unsupported_media_type", "Send mutations as JSON."));
    }
    if (!isSameOrigin(request.headers)) {
      return errorResponse(new AppError("forbidden", "Cross-origin requests are not allowed."));
    }
  }
  const db = await getDb();
  return fetchRequestHandler({
    endpoint: "/api/trpc",
    req: request,
    router: appRouter,
    createContext: ({ resHeaders }) =>
      createTrpcContext({
        db,
        headers: request.headers,
        secure: isHttps(request.headers, request.url),
        resHeaders,
      }),
  });
}

export { handler as GET, handler as POST };
