// Facts about an incoming request that several transports need.
import { config } from "@/server/config/config";

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
  const { publicUrl } = config();
  if (publicUrl) hosts.push(new URL(publicUrl).host);
  return hosts.some((host) => host === originHost);
}
