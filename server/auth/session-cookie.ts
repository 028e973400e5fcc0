// The session cookie: httpOnly, SameSite=Lax, and `__Host-` + Secure whenever the app is on https.
import { SESSION_TTL_SECONDS } from "./session.service";

const PLAIN_NAME = "hookline_session";
const SECURE_NAME = "__Host-hookline_session";

export function isHttps(headers: Headers, url?: string): boolean {
  const forwarded = headers.get("x-forwarded-proto");
  if (forwarded) return forwarded.split(",")[0]?.trim() === "https";
  return url?.startsWith("https:") ?? false;
}

export function sessionCookieName(secure: boolean): string {
  return secure ? SECURE_NAME : PLAIN_NAME;
}

/** Reads whichever of the two cookie names the browser sent. */
export function readSessionToken(cookieHeader: string | null): string | undefined {
  if (!cookieHeader) return undefined;
  for (const part of cookieHeader.split(";")) {
    const [name, ...value] = part.trim().split("=");
    if (name === SECURE_NAME || name === PLAIN_NAME) return decodeURIComponent(value.join("="));
  }
  return undefined;
}

export function serializeSessionCookie(token: string, secure: boolean, maxAge = SESSION_TTL_SECONDS): string {
  const parts = [
    `${sessionCookieName(secure)}=${token}`,
    "Path=/",
    "HttpOnly",
    "SameSite=Lax",
    `Max-Age=${maxAge}`,
  ];
  if (secure) parts.push("Secure");
  return parts.join("; ");
}

export function clearSessionCookie(secure: boolean): string {
  return serializeSessionCookie("", secure, 0);
}
