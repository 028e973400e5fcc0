// The HTTP door shared by the admin UI's tRPC endpoint and the portal's: mutations only as JSON
// from our own pages, bodies read capped before anyone is looked up, errors in the one shape.
import type { AnyTRPCRouter } from "@trpc/server";
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import type { Db } from "@/db";
import { isHttps } from "@/server/auth/session-cookie";
import { getDb } from "@/server/database";
import { AppError } from "@/server/errors";
import { isSameOrigin } from "@/server/lib/request";
import { BODY_LIMIT, readBody, withReadBody } from "@/server/lib/request-body";
import { errorResponse } from "@/server/rest/handler";
import { retryAfterHeaders, type TrpcContext } from "./init";

type ContextFactory = (options: {
  db: Db;
  headers: Headers;
  secure: boolean;
  resHeaders: Headers;
}) => Promise<TrpcContext>;

export function trpcHttpHandler(options: {
  endpoint: string;
  router: AnyTRPCRouter;
  createContext: ContextFactory;
}): (request: Request) => Promise<Response> {
  return async (incoming) => {
    try {
      let request = incoming;
      // Mutations change state under a cookie (or a portal token): only JSON from our own pages —
      // the portal's included, whose fetches stay same-origin inside another site's frame.
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
        endpoint: options.endpoint,
        req: request,
        router: options.router,
        responseMeta: ({ errors }) => ({ headers: retryAfterHeaders(errors) }),
        createContext: ({ resHeaders }) =>
          options.createContext({
            db,
            headers: request.headers,
            secure: isHttps(request.headers, request.url),
            resHeaders,
          }),
      });
    } catch (error) {
      return errorResponse(error);
    }
  };
}
