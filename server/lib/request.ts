// Facts about an incoming request that several transports need.

/**
 * The client's address, for rate limits and sign-in throttling. Next.js fills X-Forwarded-For with
 * the socket's address only when the header is absent, so the address is trustworthy only behind a
 * reverse proxy that sets or appends it. The rightmost entry is the one our own proxy wrote (a
 * client can prepend anything it likes to the left), so that is the one we use.
 */
export function clientIp(headers: Headers): string {
  const hops = headers.get("x-forwarded-for")?.split(",") ?? [];
  const nearest = hops.at(-1)?.trim();
  return nearest || headers.get("x-real-ip") || "local";
}

/**
 * True when a browser request comes from one of our own pages. Browsers always send Origin on
 * POST fetches, so a missing Origin is refused too; that is what makes cookie-authenticated
 * mutations immune to cross-site request forgery.
 */
export function isSameOrigin(headers: Headers): boolean {
  const origin = headers.get("origin");
  if (!origin) return false;
  let originHost: string;
  try {
    originHost = new URL(origin).host;
  } catch {
    return false;
  }
  const hosts = [headers.get("x-forwarded-host"), headers.get("host")];
  const publicUrl = process.env.HOOKLINE_PUBLIC_URL;
  if (publicUrl) {
    try {
      hosts.push(new URL(publicUrl).host);
    } catch {
      // A malformed HOOKLINE_PUBLIC_URL is reported at start-up; here it simply doesn't match.
    }
  }
  return hosts.some((host) => host === originHost);
}
