// What `npm start` reads from its environment, checked once before anything starts: a bad value
// stops it with a sentence naming the variable, rather than surfacing later as odd behaviour.
import { parseTrustedProxies, TrustedProxiesError } from "@/server/lib/client-address";

type Environment = Record<string, string | undefined>;

export interface ServiceSettings {
  port: number;
  /** The address to listen on; undefined listens on every interface. */
  host: string | undefined;
  /** How long a stop may take, from the signal to the exit. */
  shutdownMs: number;
  /** Whether Next.js may send its anonymous usage telemetry (off unless the operator says so). */
  telemetry: boolean;
  /** Whether browsers reach the app over HTTPS (a proxy in front terminating TLS): HSTS then. */
  https: boolean;
}

export class SettingsError extends Error {
  override name = "SettingsError";
}

const ON = ["on", "1", "true", "yes"];
const OFF = ["off", "0", "false", "no"];

function read(env: Environment, name: string): string | undefined {
  const value = env[name]?.trim();
  return value === "" ? undefined : value;
}

function flag(env: Environment, name: string, fallback: boolean): boolean {
  const value = read(env, name)?.toLowerCase();
  if (value === undefined) return fallback;
  if (ON.includes(value)) return true;
  if (OFF.includes(value)) return false;
  throw new SettingsError(`${name} must be "on" or "off" (got "${value}").`);
}

export function readServiceSettings(env: Environment = process.env): ServiceSettings {
  const port = Number(read(env, "PORT") ?? "3000");
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new SettingsError(`PORT must be a port number (got "${env.PORT}").`);
  }
  const shutdownSeconds = Number(read(env, "HOOKLINE_SHUTDOWN_SECONDS") ?? "10");
  if (!Number.isFinite(shutdownSeconds) || shutdownSeconds <= 0) {
    throw new SettingsError(
      `HOOKLINE_SHUTDOWN_SECONDS must be a number of seconds above 0 (got "${env.HOOKLINE_SHUTDOWN_SECONDS}").`,
    );
  }
  try {
    parseTrustedProxies(env.HOOKLINE_TRUSTED_PROXIES);
  } catch (error) {
    if (error instanceof TrustedProxiesError) throw new SettingsError(error.message);
    throw error;
  }
  return {
    port,
    host: read(env, "HOOKLINE_HOST"),
    shutdownMs: shutdownSeconds * 1000,
    telemetry: flag(env, "HOOKLINE_TELEMETRY", false),
    https: read(env, "HOOKLINE_PUBLIC_URL")?.toLowerCase().startsWith("https://") ?? false,
  };
}

/**
 * The environment for `next build` and the server: Next.js telemetry stays off unless the operator
 * turned it on with HOOKLINE_TELEMETRY=on (an explicit NEXT_TELEMETRY_DISABLED is then theirs).
 */
export function nextEnvironment(env: Environment, settings: ServiceSettings): Environment {
  return {
    ...env,
    NODE_ENV: "production",
    ...(settings.telemetry ? {} : { NEXT_TELEMETRY_DISABLED: "1" }),
  };
}
