// POST /api/public/subscribe: the subscribe form for websites (JSON, CORS for listed origins) and for
// plain HTML forms (urlencoded, answered with a redirect to the hosted page, so it works without JS).
import { getDb } from "@/server/database";
import { AppError, toAppError } from "@/server/errors";
import { clientAddress } from "@/server/lib/client-address";
import { assertNoNulCharacter } from "@/server/lib/text-safety";
import { readCappedText } from "@/server/public/body";
import { corsHeaders, mayPost, preflightHeaders } from "@/server/public/cors";
import { SUBSCRIBE_ANSWER } from "@/server/public/subscribe.schema";
import { publicSubscribe } from "@/server/public/subscribe.service";
import { errorResponse, jsonResponse, readJsonBody } from "@/server/rest/handler";

export const dynamic = "force-dynamic";

const MAX_FORM_BYTES = 16 * 1024;

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
    if (!mayPost(request.headers)) {
      throw new AppError("forbidden", "This website may not use the subscribe form.");
    }
    const body = isForm ? await readForm(request) : await readJsonBody(request);
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

async function readForm(request: Request): Promise<Record<string, string>> {
  return assertNoNulCharacter(
    Object.fromEntries(new URLSearchParams(await readCappedText(request, MAX_FORM_BYTES))),
  );
}

function redirect(location: string, headers: Record<string, string>): Response {
  // 303: the browser follows with a GET, so a reload doesn't post the form again.
  return new Response(null, { status: 303, headers: { ...headers, location } });
}
