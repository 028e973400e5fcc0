// The sign-in cookies: httpOnly, and `__Host-` + Secure whenever the app is on https. The session
// cookie, and the one that carries a sign-in between the right password and the second factor.

import { SESSION_TTL_SECONDS } from "./session.service";
import { SIGN_IN_CHALLENGE_SECONDS } from "./two-factor/sign-in-challenge";

const SESSION = "hookline_session";
// SameSite=Strict: only the sign-in page's own request ever needs it back.
const CHALLENGE = "hookline_sign_in";

export function isHttps(headers: Headers, url?: string): boolean {
  const forwarded = headers.get("x-forwarded-proto");
  if (forwarded) return forwarded.split(",")[0]?.trim() === "https";
  return url?.startsWith("https:") ?? false;
}

function cookieName(base: string, secure: boolean): string {
  return secure ? `__Host-${base}` : base;
}

export function sessionCookieName(secure: boolean): string {
  return cookieName(SESSION, secure);
}

/** Reads whichever of the cookie's two names the browser sent. */
function readCookie(cookieHeader: string | null, base: string): string | undefined {
  if (!cookieHeader) return undefined;
  for (const part of cookieHeader.split(";")) {
    const [name, ...value] = part.trim().split("=");
    if (name === cookieName(base, true) || name === base) return decodeURIComponent(value.join("="));
  }
  return undefined;
}

function serializeCookie(
  base: string,
  value: string,
  options: { secure: boolean; maxAge: number; sameSite: "Lax" | "Strict" },
): string {
  const parts = [
    `${cookieName(base, options.secure)}=${value}`,
    "Path=/",
    "HttpOnly",
    `SameSite=${options.sameSite}`,
    `Max-Age=${options.maxAge}`,
  ];
  if (options.secure) parts.push("Secure");
  return parts.join("; ");
}

export function readSessionToken(cookieHeader: string | null): string | undefined {
  return readCookie(cookieHeader, SESSION);
}

export function serializeSessionCookie(token: string, secure: boolean, maxAge = SESSION_TTL_SECONDS): string {
  return serializeCookie(SESSION, token, { secure, maxAge, sameSite: "Lax" });
}

export function clearSessionCookie(secure: boolean): string {
  return serializeSessionCookie("", secure, 0);
}

export function readSignInChallengeToken(cookieHeader: string | null): string | undefined {
  return readCookie(cookieHeader, CHALLENGE);
}

export function serializeSignInChallengeCookie(
  token: string,
  secure: boolean,
  maxAge = SIGN_IN_CHALLENGE_SECONDS,
): string {
  return serializeCookie(CHALLENGE, token, { secure, maxAge, sameSite: "Strict" });
}

export function clearSignInChallengeCookie(secure: boolean): string {
  return serializeSignInChallengeCookie("", secure, 0);
}
