// Hands the admin pages the address that was asked for, so a visitor sent to sign in comes back to it.
// Next.js copies the body of every request a proxy matches: only pages are matched (GETs), never the
// API nor the CSV upload, whose bodies go straight to their routes' capped readers.
import { type NextRequest, NextResponse } from "next/server";
import { REQUEST_PATH_HEADER } from "@/server/auth/return-path";

export function proxy(request: NextRequest): Response {
  const headers = new Headers(request.headers);
  headers.set(REQUEST_PATH_HEADER, `${request.nextUrl.pathname}${request.nextUrl.search}`);
  return NextResponse.next({ request: { headers } });
}

export const config = {
  matcher: [
    "/((?!api/|_next/|imports/upload|sign-in|setup|subscribe|u/|portal/|docs/|icon\\.svg|favicon\\.ico).*)",
  ],
};
