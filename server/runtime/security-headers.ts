// The security headers on every response Hookline's server sends: a Content-Security-Policy that
// allows only what the app itself loads, no framing, no MIME sniffing, a referrer policy that keeps
// tokens in URLs to ourselves, no powerful browser features, and HSTS once the site is HTTPS.
import { randomBytes } from "node:crypto";

/** Pages whose address carries a secret token: a Referer would hand it to whatever they link to. */
const TOKEN_PAGE_PREFIXES = ["/u/", "/invitations/", "/portal/"];

/** The self-service portal's pages: the only ones another site may frame, and only if the operator says so. */
const PORTAL_PREFIX = "/portal/";

/**
 * Features no Hookline page uses, denied to the page and anything it embeds. Only names Chromium
 * knows: an unknown one is reported as an error in every page's console.
 */
const DENIED_FEATURES = [
  "accelerometer",
  "camera",
  "display-capture",
  "geolocation",
  "gyroscope",
  "magnetometer",
  "microphone",
  "midi",
  "payment",
  "usb",
  "browsing-topics",
];

/** HSTS for a year: long enough to matter, and the value the preload list asks for. */
const HSTS_SECONDS = 31_536_000;

export interface SecurityContext {
  /** The request's path, to tell pages that carry a token. */
  path: string;
  /** A fresh per-request nonce that Next.js puts on its own inline scripts. */
  nonce: string;
  /** Whether browsers reach the app over HTTPS (HOOKLINE_PUBLIC_URL says so). */
  https: boolean;
  /** Sites that may frame the portal's pages (HOOKLINE_PORTAL_FRAME_ANCESTORS); none when empty. */
  portalFrameAncestors?: readonly string[] | undefined;
}

export function newNonce(): string {
  return randomBytes(16).toString("base64");
}

/**
 * Scripts: only those carrying this response's nonce, and what they load ('strict-dynamic' — the
 * chunks Next.js's runtime adds). Styles allow inline ones: React renders `style` attributes (the
 * charts) and error pages carry a <style>; a style can't run code, and a nonce would switch
 * 'unsafe-inline' off. Images may come from any HTTPS address, as a brand's logo does.
 */
export function contentSecurityPolicy({
  nonce,
  https,
  frameAncestors = [],
}: Pick<SecurityContext, "nonce" | "https"> & { frameAncestors?: readonly string[] }): string {
  const directives = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob: https:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    `frame-ancestors ${frameAncestors.length > 0 ? frameAncestors.join(" ") : "'none'"}`,
  ];
  if (https) directives.push("upgrade-insecure-requests");
  return directives.join("; ");
}

export function isTokenPage(path: string): boolean {
  return TOKEN_PAGE_PREFIXES.some((prefix) => path.startsWith(prefix));
}

/** Who may frame this path: the configured sites on the portal's pages, no one anywhere else. */
function frameAncestorsOf(context: SecurityContext): readonly string[] {
  return context.path.startsWith(PORTAL_PREFIX) ? (context.portalFrameAncestors ?? []) : [];
}

export function securityHeaders(context: SecurityContext): Record<string, string> {
  const frameAncestors = frameAncestorsOf(context);
  const headers: Record<string, string> = {
    "content-security-policy": contentSecurityPolicy({ ...context, frameAncestors }),
    "x-content-type-options": "nosniff",
    "referrer-policy": isTokenPage(context.path) ? "no-referrer" : "strict-origin-when-cross-origin",
    "permissions-policy": DENIED_FEATURES.map((feature) => `${feature}=()`).join(", "),
    "cross-origin-opener-policy": "same-origin",
  };
  // For browsers that predate frame-ancestors; it can't name sites, so a framable page goes without.
  if (frameAncestors.length === 0) headers["x-frame-options"] = "DENY";
  if (context.https) headers["strict-transport-security"] = `max-age=${HSTS_SECONDS}; includeSubDomains`;
  return headers;
}
