import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { isHttps } from "@/server/auth/session-cookie";
import { getDb } from "@/server/database";
import { AppError } from "@/server/errors";
import { isSameOrigin } from "@/server/lib/request";
import { BODY_LIMIT, readBody, withReadBody } from "@/server/lib/request-body";
import { errorResponse } from "@/server/rest/handler";
import { createTrpcContext, retryAfterHeaders } from "@/server/trpc/init";
import { appRouter } from "@/server/trpc/root";

async function handler(incoming: Request): Promise<Response> {
  try {
    let request = incoming;
    // Mutations change state under a cookie: only JSON from our own pages may make them.
    if (request.method !== "GET") {
      const contentType = request.headers.get("content-type") ?? "";
      if (!contentType.toLowerCase().startsWith("application/json")) {
        throw new AppError("unsupported_media_type", "Send mutations as JSON.");
      }
      if (!isSameOrigin(request.headers))
        throw new AppError("forbidden", "Cross-origin requests are not allowed.");
      // Read (capped) before the session is looked up: tRPC itself would read whatever arrives.
      request = withReadBody(request, await readBody(request, BODY_LIMIT));
    }
    const db = await getDb();
    return await fetchRequestHandler({
      endpoint: "/api/trpc",
      req: request,
      router: appRouter,
      responseMeta: ({ errors }) => ({ headers: retryAfterHeaders(errors) }),
      createContext: ({ resHeaders }) =>
        createTrpcContext({
          db,
          headers: request.headers,
          secure: isHttps(request.headers, request.url),
          resHeaders,
        }),
    });
  } catch (error) {
    return errorResponse(error);
  }
}

export { handler as GET, handler as POST };
