// SSRF guard for every outbound request to an integrator's URL: the intent handshake and each delivery.
// Checked twice: when a target is saved (assertTargetAllowed) and at every connection
// (createGuardedAgent), because a name that resolved to a public address yesterday may not today.
import { lookup as dnsLookup, type LookupAddress } from "node:dns";
import { isIP, type LookupFunction } from "node:net";
import ipaddr from "ipaddr.js";
import { Agent, buildConnector } from "undici";
import { config } from "@/server/config/config";
import { AppError } from "@/server/errors";

const MAX_URL_LENGTH = 2048;

// Public-looking addresses that still reach the host's own control plane.
const METADATA_ADDRESSES = new Set([
  "169.254.169.254", // AWS, GCP, Azure, OpenStack instance metadata
  "168.63.129.16", // Azure wire server: a public address that only the VM itself can reach
  "100.100.100.200", // Alibaba Cloud metadata
  "fd00:ec2::254", // AWS metadata over IPv6
]);

type Address = ipaddr.IPv4 | ipaddr.IPv6;

function inAllowedTargets(address: Address): boolean {
  return config().allowedTargets.some(([range, bits]) => {
    if (range.kind() === address.kind()) return address.match(range, bits);
    // An IPv4 allow-list entry also covers the IPv4-mapped form the kernel may report.
    if (address.kind() === "ipv6" && (address as ipaddr.IPv6).isIPv4MappedAddress()) {
      return (address as ipaddr.IPv6).toIPv4Address().match(range, bits);
    }
    return false;
  });
}

/**
 * Whether Hookline may connect to this IP address. Only globally routable unicast passes, plus
 * whatever HOOKLINE_ALLOWED_TARGETS lists. Anything that isn't an IP address is refused.
 */
export function isAddressAllowed(address: string): boolean {
  const bare = address.replace(/^\[|\]$/g, "");
  // Only canonical forms: ipaddr.js would also read "1.2.3" or "0x7f.1", whose meaning differs
  // between parsers; what resolvers and URL parsing hand us is canonical already.
  if (!isIP(bare)) return false;
  let parsed: Address;
  try {
    parsed = ipaddr.parse(bare);
  } catch {
    return false;
  }
  if (inAllowedTargets(parsed)) return true;
  return isPublicAddress(parsed);
}

function isPublicAddress(address: Address): boolean {
  if (METADATA_ADDRESSES.has(address.toNormalizedString()) || METADATA_ADDRESSES.has(address.toString())) {
    return false;
  }
  if (address.kind() === "ipv4") return address.range() === "unicast";

  const v6 = address as ipaddr.IPv6;
  const embedded = embeddedIPv4(v6);
  if (embedded !== undefined) return embedded !== null && isPublicAddress(embedded);
  // Everything else ipaddr.js names (ULA, link-local, multicast, Teredo, documentation, …) is out.
  return v6.range() === "unicast";
}

/**
 * The IPv4 address an IPv6 form carries, when the network would deliver to it: IPv4-mapped,
 * IPv4-compatible (::a.b.c.d), SIIT (rfc6145), NAT64 (64:ff9b::/96) and 6to4 (2002::/16).
 * `undefined` when the address carries none; `null` when it does but we can't say which
 * (local-use NAT64 prefixes), which is refused.
 */
function embeddedIPv4(address: ipaddr.IPv6): ipaddr.IPv4 | null | undefined {
  const p = address.parts;
  const fromWords = (high: number, low: number) =>
    new ipaddr.IPv4([high >> 8, high & 0xff, low >> 8, low & 0xff]);
  switch (address.range()) {
    case "ipv4Mapped":
      return address.toIPv4Address();
    case "rfc6145":
      return fromWords(p[6] ?? 0, p[7] ?? 0);
    case "rfc6052":
      // Only the well-known /96 has a fixed layout; 64:ff9b:1::/48 is for local use.
      return p[2] === 0 && p[3] === 0 && p[4] === 0 && p[5] === 0 ? fromWords(p[6] ?? 0, p[7] ?? 0) : null;
    case "6to4":
      return fromWords(p[1] ?? 0, p[2] ?? 0);
    default:
      break;
  }
  // IPv4-compatible (deprecated), but some stacks still route ::127.0.0.1 to 127.0.0.1.
  if (p.slice(0, 6).every((part) => part === 0)) return fromWords(p[6] ?? 0, p[7] ?? 0);
  return undefined;
}

/** `localhost` and `*.localhost` always mean this machine (RFC 6761), whatever DNS says. */
function isLocalhostName(hostname: string): boolean {
  const name = hostname.toLowerCase().replace(/\.$/, "");
  return name === "localhost" || name.endsWith(".localhost");
}

const LOCALHOST_ADDRESSES: LookupAddress[] = [
  { address: "127.0.0.1", family: 4 },
  { address: "::1", family: 6 },
];

function bareHostname(url: URL): string {
  return url.hostname.replace(/^\[|\]$/g, "");
}

function refused(host: string, address?: string): AppError {
  const where = address && address !== host ? `${host} (${address})` : host;
  return new AppError(
    "target_not_allowed",
    // The second sentence is for whoever runs Hookline: testing against a receiver on one's own
    // machine is the first thing a new user tries, and this is how it is allowed.
    `The target ${where} is a loopback, private, link-local, multicast, reserved or metadata address, which Hookline does not send to. Whoever runs Hookline can allow such ranges with HOOKLINE_ALLOWED_TARGETS.`,
  );
}

function invalidTarget(message: string): AppError {
  return new AppError("validation_failed", message, { details: [{ path: "target_url", message }] });
}

/**
 * Parses and normalises a target URL: http(s) only, no credentials, at most 2048 characters.
 * IP literals in any spelling (2130706433, 0x7f000001, 127.1, 0177.0.0.1, [::ffff:7f00:1]) are
 * normalised by WHATWG URL parsing and refused here already when they are not allowed.
 */
export function parseTargetUrl(raw: string): URL {
  if (typeof raw !== "string" || raw.trim() === "") throw invalidTarget("Give a target URL.");
  if (raw.length > MAX_URL_LENGTH) {
    throw invalidTarget(`The target URL is longer than ${MAX_URL_LENGTH} characters.`);
  }
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw invalidTarget("The target URL is not a valid absolute URL.");
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw invalidTarget("The target URL must start with http:// or https://.");
  }
  if (url.username || url.password) {
    throw invalidTarget("The target URL must not contain a user name or password.");
  }
  if (!url.hostname) throw invalidTarget("The target URL has no host.");
  const host = bareHostname(url);
  if (isIP(host) && !isAddressAllowed(host)) throw refused(url.hostname);
  if (isLocalhostName(host) && !LOCALHOST_ADDRESSES.every((entry) => isAddressAllowed(entry.address))) {
    throw refused(url.hostname);
  }
  return url;
}

/** Every address a name resolves to (A and AAAA), through the system resolver like a connection would. */
function resolveAll(hostname: string): Promise<LookupAddress[]> {
  if (isIP(hostname)) return Promise.resolve([{ address: hostname, family: isIP(hostname) }]);
  if (isLocalhostName(hostname)) return Promise.resolve(LOCALHOST_ADDRESSES);
  return new Promise((resolve, reject) => {
    dnsLookup(hostname, { all: true, verbatim: true }, (error, addresses) => {
      if (error) reject(error);
      else resolve(addresses);
    });
  });
}

/**
 * Refuses a target whose host resolves to any address Hookline may not reach (all of them are
 * checked: a connection could land on any). A name that does not resolve is refused too.
 */
export async function assertTargetAllowed(url: string | URL): Promise<void> {
  const parsed = typeof url === "string" ? parseTargetUrl(url) : parseTargetUrl(url.href);
  const host = bareHostname(parsed);
  let addresses: LookupAddress[];
  try {
    addresses = await resolveAll(host);
  } catch {
    throw new AppError("target_not_allowed", `The target host ${host} does not resolve to an address.`);
  }
  if (addresses.length === 0) {
    throw new AppError("target_not_allowed", `The target host ${host} does not resolve to an address.`);
  }
  const bad = addresses.find((entry) => !isAddressAllowed(entry.address));
  if (bad) throw refused(host, bad.address);
}

/** The error a refused connection fails with; `code` is what callers test for. */
export class TargetNotAllowedError extends AppError {
  constructor(host: string, address?: string) {
    super("target_not_allowed", refused(host, address).message);
    this.name = "TargetNotAllowedError";
  }
}

// Resolves exactly once per connection and hands net.connect the checked addresses, so what was
// checked is what is dialled (no DNS-rebinding window between a check and the connect).
const guardedLookup = ((hostname: string, options: { all?: boolean; family?: number }, callback) => {
  resolveAll(hostname).then(
    (addresses) => {
      const wanted =
        options.family === 4 || options.family === 6
          ? addresses.filter((entry) => entry.family === options.family)
          : addresses;
      const bad = addresses.find((entry) => !isAddressAllowed(entry.address));
      if (bad) return callback(new TargetNotAllowedError(hostname, bad.address), "", 0);
      const first = wanted[0];
      if (!first) {
        const error = Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), {
          code: "ENOTFOUND",
          hostname,
        });
        return callback(error, "", 0);
      }
      if (options.all) return (callback as (e: null, a: LookupAddress[]) => void)(null, wanted);
      return callback(null, first.address, first.family);
    },
    (error: NodeJS.ErrnoException) => callback(error, "", 0),
  );
}) as LookupFunction;

/**
 * An undici Agent that checks every address it connects to. IP literals never reach `lookup`
 * (net.connect skips it), so the connector checks them itself. It never follows redirects: undici's
 * Agent only does so with the redirect interceptor, which this one doesn't have — a 3xx comes back
 * as an answer. A refused connection fails with an error whose `code` is "target_not_allowed".
 */
export function createGuardedAgent(options: Agent.Options = {}): Agent {
  const { connect, ...rest } = options;
  if (typeof connect === "function") {
    throw new TypeError("createGuardedAgent builds its own connector; pass connect options, not a function.");
  }
  const base = buildConnector({ ...connect, lookup: guardedLookup } as buildConnector.BuildOptions);
  const guarded: buildConnector.connector = (connectOptions, callback) => {
    const host = connectOptions.hostname.replace(/^\[|\]$/g, "");
    if (isIP(host) && !isAddressAllowed(host)) {
      callback(new TargetNotAllowedError(host), null);
      return;
    }
    base(connectOptions, callback);
  };
  return new Agent({ ...rest, connect: guarded });
}
