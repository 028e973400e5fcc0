// Runs before the /api/v1 and /api/3 routes: a known path asked with a method it doesn't serve is
// answered 405 with Allow in the API's error shape (Next.js would send an empty 405 without Allow).
import { type NextRequest, NextResponse } from "next/server";
import { methodNotAllowed } from "@/server/rest/method-guard";

export function proxy(request: NextRequest): Response {
  return methodNotAllowed(request.method, request.nextUrl.pathname) ?? NextResponse.next();
}

export const config = { matcher: ["/api/v1/:path*", "/api/3/:path*"] };
