// /u/<token>: the unsubscribe link. GET only shows (mail scanners prefetch links); a form POST
// applies the choice; an RFC 8058 one-click POST (List-Unsubscribe=One-Click) unsubscribes directly.
import { getDb } from "@/server/database";
import { toAppError } from "@/server/errors";
import { readBodyText } from "@/server/lib/request-body";
import { renderProblemPage, renderUnsubscribePage } from "@/server/public/unsubscribe.html";
import { applyUnsubscribeLink, viewUnsubscribeLink } from "@/server/public/unsubscribe.service";
import { brandingForPages } from "@/server/settings/branding";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ token: string }> };

const PAGE_HEADERS = {
  "content-type": "text/html; charset=utf-8",
  "cache-control": "no-store",
  // The token is a credential: keep it out of Referer headers, frames and search engines.
  "referrer-policy": "no-referrer",
  "x-frame-options": "DENY",
  "content-security-policy":
    "default-src 'none'; style-src 'unsafe-inline'; img-src https:; form-action 'self'; frame-ancestors 'none'",
  "x-robots-tag": "noindex",
};

function html(status: number, body: string): Response {
  return new Response(body, { status, headers: PAGE_HEADERS });
}

export async function GET(_request: Request, context: Context): Promise<Response> {
  const { token } = await context.params;
  try {
    const view = await viewUnsubscribeLink(await getDb(), token);
    return html(
      view.state === "invalid" ? 404 : 200,
      renderUnsubscribePage(view, `/u/${token}`, await brandingForPages()),
    );
  } catch (error) {
    const appError = toAppError(error);
    return html(appError.status, renderProblemPage(appError.status, await brandingForPages()));
  }
}

export async function POST(request: Request, context: Context): Promise<Response> {
  try {
    const form = new URLSearchParams(await readBodyText(request, 4096));
    const { token } = await context.params;
    const oneClick = form.get("List-Unsubscribe") === "One-Click";
    const choice = oneClick ? "unsubscribe" : form.get("choice");
    if (choice !== "unsubscribe" && choice !== "resubscribe")
      return html(400, renderProblemPage(400, await brandingForPages()));
    const db = await getDb();
    const applied = await applyUnsubscribeLink(db, token, choice);
    if (!applied)
      return html(404, renderUnsubscribePage({ state: "invalid" }, `/u/${token}`, await brandingForPages()));
    // Mail providers only read the status of a one-click POST; people get the page again (POST-redirect-GET).
    if (oneClick)
      return new Response("Unsubscribed.\n", { status: 200, headers: { "content-type": "text/plain" } });
    return new Response(null, { status: 303, headers: { location: `/u/${token}` } });
  } catch (error) {
    const appError = toAppError(error);
    return html(appError.status, renderProblemPage(appError.status, await brandingForPages()));
  }
}
