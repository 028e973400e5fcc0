// The client's address, for rate limits and sign-in throttling: the connection's own address, or
// what trusted proxies in front of us (HOOKLINE_TRUSTED_PROXIES) say it was. X-Forwarded-For from
// anyone else is a client's claim and is ignored: believing it let a client dodge the per-address
// throttle, or aim it at someone else's address.
import ipaddr from "ipaddr.js";
import { config, type TrustedProxies } from "@/server/config/config";
import { type IpAddress, unmapped } from "@/server/config/values";

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

/** An address as a proxy or the socket reports it (maybe with a port or brackets), or undefined. */
function parseAddress(text: string): IpAddress | undefined {
  let entry = text.trim();
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(entry);
  if (bracketed?.[1]) entry = bracketed[1];
  else if (/^[\d.]+:\d+$/.test(entry)) entry = entry.slice(0, entry.lastIndexOf(":"));
  if (!ipaddr.isValid(entry)) return undefined;
  return unmapped(ipaddr.parse(entry));
}

function isTrusted(address: IpAddress, trusted: TrustedProxies, index: number): boolean {
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

/** The address rate limits and sign-in throttling key on; "local" where no server says (`next dev`). */
export function clientAddress(headers: Headers): string {
  const peer = holder.__hooklinePeerHeader ? headers.get(PEER_HEADER) : null;
  if (!peer) return "local";
  return resolveClientAddress(peer, headers.get("x-forwarded-for"), config().trustedProxies);
}
