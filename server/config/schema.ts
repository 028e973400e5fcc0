// Every environment variable Hookline reads, what it accepts and its default. The README's
// configuration table lists the same variables (config.readme.test.ts keeps the two in step).
// Framework variables (NODE_ENV, NEXT_RUNTIME, NEXT_DIST_DIR, NEXT_TELEMETRY_DISABLED) are Next.js's.
import { z } from "zod";
import {
  readFlag,
  readFrameAncestors,
  readHttpUrl,
  readIpRanges,
  readLogLevel,
  readNonNegativeNumber,
  readNumberList,
  readOriginList,
  readPositiveNumber,
  readPostgresUrl,
  readTrustedProxies,
  readWholeNumber,
} from "./values";

/** Seconds to wait after the 1st, 2nd, … failed attempt (Svix's schedule); after the last the delivery is failed. */
export const DEFAULT_RETRY_SCHEDULE = [5, 5 * 60, 30 * 60, 2 * 3600, 5 * 3600, 10 * 3600, 10 * 3600];
export const DEFAULT_RETENTION_DAYS = 30;
export const DEFAULT_INTENT_TIMEOUT_MS = 10_000;

/**
 * A variable that may be unset: unset or blank gives undefined, text that `read` can't read an
 * issue saying what the variable accepts (its name is added by loadConfig).
 */
function optional<T>(accepts: string, read: (text: string) => T | undefined) {
  return z
    .string()
    .optional()
    .transform((raw, context): T | undefined => {
      const text = raw?.trim();
      if (!text) return undefined;
      const value = read(text);
      if (value === undefined) {
        context.addIssue({ code: "custom", message: `must be ${accepts}, got ${JSON.stringify(raw)}` });
        return z.NEVER;
      }
      return value;
    });
}

/** A variable with a default for when it is unset or blank. */
function withDefault<T>(accepts: string, read: (text: string) => T | undefined, fallback: T) {
  return optional(accepts, read).transform((value): T => value ?? fallback);
}

const text = (text: string) => text;
const FLAG = '"on" or "off"';
const MILLISECONDS = "a number of milliseconds above 0";
const COUNT = "a whole number of at least 1";

export const environmentSchema = z.object({
  DATABASE_URL: optional(
    "a PostgreSQL connection string (postgres://user:password@host:5432/name)",
    readPostgresUrl,
  ),
  HOOKLINE_DATA_DIR: withDefault("a directory", text, ".hookline"),
  PORT: withDefault("a port number from 0 to 65535", readWholeNumber(0, 65_535), 3000),
  HOOKLINE_HOST: optional("an address to listen on", text),
  HOOKLINE_TRUSTED_PROXIES: withDefault(
    "a number of proxy hops or comma-separated addresses and CIDR ranges (e.g. 10.0.0.0/8,192.0.2.7)",
    readTrustedProxies,
    { hops: 0 },
  ),
  HOOKLINE_SHUTDOWN_SECONDS: withDefault("a number of seconds above 0", readPositiveNumber, 10),
  HOOKLINE_TELEMETRY: withDefault(FLAG, readFlag, false),
  HOOKLINE_PUBLIC_URL: optional("an http(s) URL such as https://hooks.example.com", readHttpUrl),
  HOOKLINE_ALLOWED_TARGETS: withDefault(
    "comma-separated addresses and CIDR ranges (e.g. 127.0.0.0/8,::1/128)",
    readIpRanges,
    [],
  ),
  HOOKLINE_RETRY_SCHEDULE: withDefault(
    "comma-separated numbers of seconds (e.g. 5,300,1800)",
    readNumberList,
    DEFAULT_RETRY_SCHEDULE,
  ),
  HOOKLINE_DELIVERY_TIMEOUT_MS: withDefault(MILLISECONDS, readPositiveNumber, 15_000),
  HOOKLINE_CONNECTION_WAIT_MS: optional(MILLISECONDS, readPositiveNumber),
  HOOKLINE_DELIVERY_CONCURRENCY: withDefault(COUNT, readWholeNumber(1), 512),
  HOOKLINE_HOOK_CONCURRENCY: withDefault(COUNT, readWholeNumber(1), 64),
  HOOKLINE_ORIGIN_CONNECTIONS: withDefault(COUNT, readWholeNumber(1), 64),
  HOOKLINE_DELIVERY_BATCH: withDefault(COUNT, readWholeNumber(1), 512),
  HOOKLINE_LEASE_SECONDS: withDefault("a number of seconds above 0", readPositiveNumber, 10),
  HOOKLINE_POLL_MS: withDefault(MILLISECONDS, readPositiveNumber, 1000),
  HOOKLINE_FLUSH_DELAY_MS: withDefault(MILLISECONDS, readPositiveNumber, 25),
  HOOKLINE_WORKER: withDefault(FLAG, readFlag, true),
  HOOKLINE_WORKER_POOL: withDefault(COUNT, readWholeNumber(1), 5),
  HOOKLINE_INTENT_TIMEOUT_MS: withDefault(MILLISECONDS, readPositiveNumber, DEFAULT_INTENT_TIMEOUT_MS),
  HOOKLINE_SUBSCRIBE_ORIGINS: withDefault(
    'comma-separated origins such as https://shop.example, or "*"',
    readOriginList,
    [],
  ),
  HOOKLINE_PORTAL_FRAME_ANCESTORS: withDefault(
    "comma-separated origins such as https://app.example.com (a host may start with *.)",
    readFrameAncestors,
    [],
  ),
  HOOKLINE_SESSION_SECRET: optional("a secret", text),
  HOOKLINE_TICK_SECRET: optional("a secret", text),
  HOOKLINE_METRICS_TOKEN: optional("a token of at least 16 characters", (value) =>
    value.length >= 16 ? value : undefined,
  ),
  HOOKLINE_RETENTION_DAYS: withDefault(
    "a number of days (0 keeps everything)",
    readNonNegativeNumber,
    DEFAULT_RETENTION_DAYS,
  ),
  HOOKLINE_PREPARED_STATEMENTS: withDefault(FLAG, readFlag, true),
  HOOKLINE_LOG_LEVEL: withDefault(
    "one of fatal, error, warn, info, debug, trace, silent",
    readLogLevel,
    "info",
  ),
  DEBUG: withDefault("anything (set: the CLI prints error stacks)", () => true, false),
});

/** The variables' names, in the schema's order. */
export const VARIABLES = Object.keys(environmentSchema.shape);

export type Environment = z.output<typeof environmentSchema>;
