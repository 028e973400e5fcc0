// Which websites may embed the subscribe form: HOOKLINE_SUBSCRIBE_ORIGINS, comma-separated origins
// ("https://example.com,https://www.example.com"), or "*" for any.
import { config } from "@/server/config/config";
import { isSameOrigin } from "@/server/lib/request";

export function isListedOrigin(origin: string): boolean {
  const allowed = config().subscribeOrigins;
  return allowed.includes("*") || allowed.includes(origin);
}

/**
 * May this request write? No Origin (a server or curl) and our own pages may; a browser on another
 * site only when listed. CORS alone would not do: a cross-site form POST needs no preflight, so an
 * unlisted site could still write even though it could not read the answer.
 */
export function mayPost(headers: Headers): boolean {
  const origin = headers.get("origin");
  if (origin === null) return true;
  // "null" is what sandboxed frames and file:// pages send: nobody we can list.
  if (origin === "null") return false;
  return isSameOrigin(headers) || isListedOrigin(origin);
}

export function corsHeaders(headers: Headers): Record<string, string> {
  const origin = headers.get("origin");
  const base: Record<string, string> = { vary: "Origin" };
  if (!origin || !isListedOrigin(origin)) return base;
  return { ...base, "access-control-allow-origin": origin };
}

export function preflightHeaders(headers: Headers): Record<string, string> | null {
  const origin = headers.get("origin");
  if (!origin || !isListedOrigin(origin)) return null;
  return {
    ...corsHeaders(headers),
    "access-control-allow-methods": "POST, OPTIONS",
    "access-control-allow-headers": "content-type",
    "access-control-max-age": "600",
  };
}
