// What each API prefix answers where no route is: its own 404 (and never Next's HTML page). The
// catch-all route of each prefix exports this for every method; /api/3's, in ActiveCampaign's
// shape, is server/activecampaign/ac.not-found.ts.
import { AppError } from "@/server/errors";
import { errorResponse } from "./handler";

export function noRoute(request: Request): AppError {
  const { pathname } = new URL(request.url);
  return new AppError("not_found", `No route answers ${request.method} ${pathname}.`);
}

/** One answer for every method a catch-all route exports. */
export function everyMethod(answer: (request: Request) => Response) {
  const handler = async (request: Request) => answer(request);
  return { GET: handler, POST: handler, PUT: handler, PATCH: handler, DELETE: handler, OPTIONS: handler };
}

/** /api/v1: `{"error": {"code": "not_found", …}}`. */
export const restNotFound = everyMethod((request) => errorResponse(noRoute(request)));
