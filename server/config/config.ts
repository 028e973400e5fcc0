// Hookline's configuration: the environment read once, checked against the schema, and handed to
// the modules as one typed object. `npm start`, `npm run worker`, the CLI and instrumentation.ts load
// it first, so a bad value stops the process with one line naming the variable.
import "server-only";
import { type Environment, environmentSchema } from "./schema";
import type { IpRange, LogLevel, TrustedProxies } from "./values";

export type { IpRange, LogLevel, TrustedProxies } from "./values";

export interface Config {
  /** PostgreSQL; undefined means the embedded database in dataDir. */
  databaseUrl: string | undefined;
  dataDir: string;
  port: number;
  /** The address to listen on; undefined listens on every interface. */
  host: string | undefined;
  trustedProxies: TrustedProxies;
  /** How long a stop may take, from the signal to the exit. */
  shutdownMs: number;
  /** Whether Next.js may send its anonymous usage telemetry (off unless the operator says so). */
  telemetry: boolean;
  /** The public base URL without a trailing slash, when the operator gave one. */
  publicUrl: string | undefined;
  /** Whether browsers reach the app over HTTPS (a proxy in front terminating TLS): HSTS then. */
  https: boolean;
  /** Private ranges hooks may target all the same. */
  allowedTargets: IpRange[];
  /** Seconds to wait after each failed attempt. */
  retrySchedule: number[];
  delivery: DeliverySettings;
  /** Whether the web server runs a delivery loop itself. */
  inProcessWorker: boolean;
  /** PostgreSQL connections of `npm run worker`. */
  workerPoolSize: number;
  intentTimeoutMs: number;
  subscribeOrigins: string[];
  /** Sites that may frame the self-service portal (CSP frame-ancestors); none by default. */
  portalFrameAncestors: string[];
  sessionSecret: string | undefined;
  tickSecret: string | undefined;
  metricsToken: string | undefined;
  /** Days of history kept; null keeps everything. */
  retentionDays: number | null;
  preparedStatements: boolean;
  logLevel: LogLevel;
  /** The CLI prints error stacks. */
  debug: boolean;
}

/** The delivery loop's settings; EngineConfig (server/delivery/engine/engine.config.ts) says what each does. */
function deliverySettings(v: Environment) {
  return {
    concurrency: v.HOOKLINE_DELIVERY_CONCURRENCY,
    perHook: v.HOOKLINE_HOOK_CONCURRENCY,
    perOrigin: v.HOOKLINE_ORIGIN_CONNECTIONS,
    batch: v.HOOKLINE_DELIVERY_BATCH,
    leaseMs: v.HOOKLINE_LEASE_SECONDS * 1000,
    timeoutMs: v.HOOKLINE_DELIVERY_TIMEOUT_MS,
    /** Undefined: as long as timeoutMs. */
    connectionWaitMs: v.HOOKLINE_CONNECTION_WAIT_MS,
    pollMs: v.HOOKLINE_POLL_MS,
    flushDelayMs: v.HOOKLINE_FLUSH_DELAY_MS,
  };
}

export type DeliverySettings = ReturnType<typeof deliverySettings>;

export class ConfigError extends Error {
  override name = "ConfigError";
}

type Variables = Record<string, string | undefined>;

/** The configuration in `env`; throws a ConfigError naming the first variable it can't read. */
export function loadConfig(env: Variables): Config {
  const parsed = environmentSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ConfigError(`${String(issue?.path[0])} ${issue?.message}`);
  }
  const v = parsed.data;
  return {
    databaseUrl: v.DATABASE_URL,
    dataDir: v.HOOKLINE_DATA_DIR,
    port: v.PORT,
    host: v.HOOKLINE_HOST,
    trustedProxies: v.HOOKLINE_TRUSTED_PROXIES,
    shutdownMs: v.HOOKLINE_SHUTDOWN_SECONDS * 1000,
    telemetry: v.HOOKLINE_TELEMETRY,
    publicUrl: v.HOOKLINE_PUBLIC_URL,
    https: v.HOOKLINE_PUBLIC_URL?.toLowerCase().startsWith("https://") ?? false,
    allowedTargets: v.HOOKLINE_ALLOWED_TARGETS,
    retrySchedule: v.HOOKLINE_RETRY_SCHEDULE,
    delivery: deliverySettings(v),
    inProcessWorker: v.HOOKLINE_WORKER,
    workerPoolSize: v.HOOKLINE_WORKER_POOL,
    intentTimeoutMs: v.HOOKLINE_INTENT_TIMEOUT_MS,
    subscribeOrigins: v.HOOKLINE_SUBSCRIBE_ORIGINS,
    portalFrameAncestors: v.HOOKLINE_PORTAL_FRAME_ANCESTORS,
    sessionSecret: v.HOOKLINE_SESSION_SECRET,
    tickSecret: v.HOOKLINE_TICK_SECRET,
    metricsToken: v.HOOKLINE_METRICS_TOKEN,
    retentionDays: v.HOOKLINE_RETENTION_DAYS === 0 ? null : v.HOOKLINE_RETENTION_DAYS,
    preparedStatements: v.HOOKLINE_PREPARED_STATEMENTS,
    logLevel: v.HOOKLINE_LOG_LEVEL,
    debug: v.DEBUG,
  };
}

let current: Config | undefined;
let overrides: Variables = {};

/** This process's configuration, read from its environment on first use. */
export function config(): Config {
  current ??= loadConfig({ ...process.env, ...overrides });
  return current;
}

/**
 * For tests: the configuration becomes the environment's with `values` on top (as a deployment
 * would set them; "" unsets one), on top of earlier overrides, until the returned function puts
 * the previous configuration back.
 */
export function overrideConfig(values: Variables): () => void {
  const previous = { current, overrides };
  const next = { ...overrides, ...values };
  current = loadConfig({ ...process.env, ...next });
  overrides = next;
  return () => {
    ({ current, overrides } = previous);
  };
}
