// Readers for the kinds of value Hookline's environment variables hold. Each takes the trimmed,
// non-empty text and gives the value, or undefined when the text is not one; the schema then names
// the variable and what it accepts (server/config/schema.ts).
import ipaddr from "ipaddr.js";

export type IpAddress = ipaddr.IPv4 | ipaddr.IPv6;
/** An address range: an address and its prefix length (a single address is /32 or /128). */
export type IpRange = [IpAddress, number];

/** Whom to believe: nobody, the nearest N hops, or hops whose address lies in these ranges. */
export type TrustedProxies = { hops: number } | { ranges: IpRange[] };

const ON = ["on", "1", "true", "yes"];
const OFF = ["off", "0", "false", "no"];

export function readFlag(text: string): boolean | undefined {
  const value = text.toLowerCase();
  if (ON.includes(value)) return true;
  if (OFF.includes(value)) return false;
  return undefined;
}

/** A whole number within [min, max]. */
export function readWholeNumber(min: number, max = Number.MAX_SAFE_INTEGER) {
  return (text: string): number | undefined => {
    if (!/^\d+$/.test(text)) return undefined;
    const value = Number(text);
    return value >= min && value <= max ? value : undefined;
  };
}

/** A number above 0 (fractions allowed). */
export function readPositiveNumber(text: string): number | undefined {
  const value = Number(text);
  return Number.isFinite(value) && value > 0 ? value : undefined;
}

/** A number of 0 or more (fractions allowed). */
export function readNonNegativeNumber(text: string): number | undefined {
  const value = Number(text);
  return Number.isFinite(value) && value >= 0 ? value : undefined;
}

/** Comma-separated numbers of 0 or more, at least one. */
export function readNumberList(text: string): number[] | undefined {
  const values = text.split(",").map((part) => readNonNegativeNumber(part.trim()));
  return values.every((value) => value !== undefined) ? values : undefined;
}

/** An http(s) URL, without trailing slashes. */
export function readHttpUrl(text: string): string | undefined {
  try {
    const url = new URL(text);
    return url.protocol === "http:" || url.protocol === "https:" ? text.replace(/\/+$/, "") : undefined;
  } catch {
    return undefined;
  }
}

export function readPostgresUrl(text: string): string | undefined {
  try {
    const url = new URL(text);
    return url.protocol === "postgres:" || url.protocol === "postgresql:" ? text : undefined;
  } catch {
    return undefined;
  }
}

/** Comma-separated website origins (no trailing slash kept), or `*` among them for any. */
export function readOriginList(text: string): string[] | undefined {
  const origins = text
    .split(",")
    .map((origin) => origin.trim().replace(/\/+$/, ""))
    .filter(Boolean);
  return origins.every((origin) => origin === "*" || readHttpUrl(origin) !== undefined) ? origins : undefined;
}

/**
 * Sites that may frame a page, as CSP frame-ancestors takes them: comma-separated origins
 * (scheme://host[:port], no path), a host may start with `*.` for its subdomains and the port may be `*`.
 */
export function readFrameAncestors(text: string): string[] | undefined {
  const origins = text
    .split(",")
    .map((origin) => origin.trim().replace(/\/+$/, ""))
    .filter(Boolean);
  const origin = /^https?:\/\/(\*\.)?([a-z0-9-]+\.)*[a-z0-9-]+(:(\d{1,5}|\*))?$/i;
  return origins.length > 0 && origins.every((entry) => origin.test(entry)) ? origins : undefined;
}

/** The IPv4 address an IPv4-mapped IPv6 address stands for; any other address as it is. */
export function unmapped(address: IpAddress): IpAddress {
  return address.kind() === "ipv6" && (address as ipaddr.IPv6).isIPv4MappedAddress()
    ? (address as ipaddr.IPv6).toIPv4Address()
    : address;
}

function readIpRange(entry: string): IpRange | undefined {
  try {
    if (entry.includes("/")) return ipaddr.parseCIDR(entry);
    const address = unmapped(ipaddr.parse(entry));
    return [address, address.kind() === "ipv4" ? 32 : 128];
  } catch {
    return undefined;
  }
}

/** Comma-separated addresses and CIDR ranges. */
export function readIpRanges(text: string): IpRange[] | undefined {
  const entries = text
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);
  const ranges = entries.map(readIpRange);
  return ranges.every((range) => range !== undefined) ? ranges : undefined;
}

/** A number of proxy hops, or the proxies' addresses and ranges. */
export function readTrustedProxies(text: string): TrustedProxies | undefined {
  if (/^\d+$/.test(text)) return { hops: Number(text) };
  const ranges = readIpRanges(text);
  return ranges ? { ranges } : undefined;
}

export const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export function readLogLevel(text: string): LogLevel | undefined {
  return LOG_LEVELS.find((level) => level === text.toLowerCase());
}
