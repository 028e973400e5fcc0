// POST /api/public/subscribe: the subscribe form for websites (JSON, CORS for listed origins) and for
// plain HTML forms (urlencoded, answered with a redirect to the hosted page, so it works without JS).
import { getDb } from "@/server/database";
import { AppError, toAppError } from "@/server/errors";
import { clientAddress } from "@/server/lib/client-address";
import { readBody } from "@/server/lib/request-body";
import { assertNoNulCharacter } from "@/server/lib/text-safety";
import { corsHeaders, mayPost, preflightHeaders } from "@/server/public/cors";
import { SUBSCRIBE_ANSWER } from "@/server/public/subscribe.schema";
import { publicSubscribe } from "@/server/public/subscribe.service";
import { errorResponse, jsonResponse, parseJsonBody } from "@/server/rest/handler";

export const dynamic = "force-dynamic";

/** A subscription is an email and a few names: far below what other routes take. */
const MAX_BODY_BYTES = 16 * 1024;

export async function OPTIONS(request: Request): Promise<Response> {
  const headers = preflightHeaders(request.headers);
  // An unlisted origin gets no CORS headers: the browser then refuses the real request itself.
  return new Response(null, { status: 204, headers: headers ?? { vary: "Origin" } });
}

export async function POST(request: Request): Promise<Response> {
  const cors = corsHeaders(request.headers);
  const isForm = /^application\/x-www-form-urlencoded\s*(;|$)/i.test(
    request.headers.get("content-type") ?? "",
  );
  try {
    const raw = await readBody(request, MAX_BODY_BYTES);
    if (!mayPost(request.headers)) {
      throw new AppError("forbidden", "This website may not use the subscribe form.");
    }
    const body = isForm ? formFields(raw) : parseJsonBody(request, raw);
    await publicSubscribe(await getDb(), body, { ip: clientAddress(request.headers) });
    if (isForm) return redirect("/subscribe?done=1", cors);
    return jsonResponse(200, SUBSCRIBE_ANSWER, cors);
  } catch (error) {
    const appError = toAppError(error);
    if (isForm && appError.code !== "forbidden") {
      return redirect(`/subscribe?error=${appError.code}`, cors);
    }
    const response = errorResponse(appError);
    for (const [name, value] of Object.entries(cors)) response.headers.set(name, value);
    return response;
  }
}

function formFields(raw: Buffer): Record<string, string> {
  return assertNoNulCharacter(Object.fromEntries(new URLSearchParams(raw.toString("utf8"))));
}

function redirect(location: string, headers: Record<string, string>): Response {
  // 303: the browser follows with a GET, so a reload doesn't post the form again.
  return new Response(null, { status: 303, headers: { ...headers, location } });
}
