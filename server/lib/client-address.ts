// The client's address, for rate limits and sign-in throttling: the connection's own address, or
// what trusted proxies in front of us (HOOKLINE_TRUSTED_PROXIES) say it was. X-Forwarded-For from
// anyone else is a client's claim and is ignored: believing it let a client dodge the per-address
// throttle, or aim it at someone else's address.
import ipaddr from "ipaddr.js";

/**
 * Route handlers don't see the socket, so Hookline's server (server/runtime) puts the peer address
 * in this header, always replacing whatever a client sent under that name.
 */
export const PEER_HEADER = "x-hookline-peer";

const holder = globalThis as { __hooklinePeerHeader?: boolean };

/** Called by the server that sets PEER_HEADER; without it (`next dev`) the header is not believed. */
export function acceptPeerHeader(): void {
  holder.__hooklinePeerHeader = true;
}

type Range = [ipaddr.IPv4 | ipaddr.IPv6, number];

/** Whom to believe: nobody, the nearest N hops, or hops whose address lies in these ranges. */
export type TrustedProxies = { hops: number } | { ranges: Range[] };

export class TrustedProxiesError extends Error {
  override name = "TrustedProxiesError";
}

export function parseTrustedProxies(value: string | undefined): TrustedProxies {
  const text = value?.trim() ?? "";
  if (text === "") return { hops: 0 };
  if (/^\d+$/.test(text)) return { hops: Number(text) };
  const ranges = text.split(",").map((part): Range => {
    const entry = part.trim();
    try {
      if (entry.includes("/")) {
        return ipaddr.parseCIDR(entry);
      }
      const address = normalize(ipaddr.parse(entry));
      return [address, address.kind() === "ipv4" ? 32 : 128];
    } catch {
      throw new TrustedProxiesError(
        `HOOKLINE_TRUSTED_PROXIES must be a number of proxy hops or a comma-separated list of addresses and CIDR ranges (can't read "${entry}").`,
      );
    }
  });
  return { ranges };
}

function normalize(address: ipaddr.IPv4 | ipaddr.IPv6): ipaddr.IPv4 | ipaddr.IPv6 {
  return address.kind() === "ipv6" && (address as ipaddr.IPv6).isIPv4MappedAddress()
    ? (address as ipaddr.IPv6).toIPv4Address()
    : address;
}

/** An address as a proxy or the socket reports it (maybe with a port or brackets), or undefined. */
function parseAddress(text: string): ipaddr.IPv4 | ipaddr.IPv6 | undefined {
  let entry = text.trim();
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(entry);
  if (bracketed?.[1]) entry = bracketed[1];
  else if (/^[\d.]+:\d+$/.test(entry)) entry = entry.slice(0, entry.lastIndexOf(":"));
  if (!ipaddr.isValid(entry)) return undefined;
  return normalize(ipaddr.parse(entry));
}

function isTrusted(address: ipaddr.IPv4 | ipaddr.IPv6, trusted: TrustedProxies, index: number): boolean {
  if ("hops" in trusted) return index < trusted.hops;
  return trusted.ranges.some(
    ([range, bits]) => range.kind() === address.kind() && address.match(range, bits),
  );
}

/**
 * The client's address: walking from the peer towards the client, each trusted hop's report is
 * believed, and the first address not vouched for by a trusted hop is the client. With no trusted
 * proxies that is the peer itself.
 */
export function resolveClientAddress(
  peer: string,
  forwardedFor: string | null,
  trusted: TrustedProxies,
): string {
  const peerAddress = parseAddress(peer);
  if (!peerAddress) return peer;
  const reported = (forwardedFor ?? "").split(",").filter((entry) => entry.trim() !== "");
  let client = peerAddress;
  for (let index = 0; isTrusted(client, trusted, index); index++) {
    const entry = reported.pop();
    const next = entry === undefined ? undefined : parseAddress(entry);
    // Nothing (readable) reported by a trusted hop: it is the client as far as we can tell.
    if (!next) break;
    client = next;
  }
  return client.toString();
}

let cached: { value: string | undefined; trusted: TrustedProxies } | undefined;

function trustedProxies(): TrustedProxies {
  const value = process.env.HOOKLINE_TRUSTED_PROXIES;
  if (!cached || cached.value !== value) cached = { value, trusted: parseTrustedProxies(value) };
  return cached.trusted;
}

/** The address rate limits and sign-in throttling key on; "local" where no server says (`next dev`). */
export function clientAddress(headers: Headers): string {
  const peer = holder.__hooklinePeerHeader ? headers.get(PEER_HEADER) : null;
  if (!peer) return "local";
  return resolveClientAddress(peer, headers.get("x-forwarded-for"), trustedProxies());
}
