// The environment for `next build` and the server: Next.js decides telemetry and its production mode
// from the environment, not from Hookline's configuration.
import type { Config } from "@/server/config/config";

type Environment = Record<string, string | undefined>;

/**
 * Next.js telemetry stays off unless the operator turned it on with HOOKLINE_TELEMETRY=on (an
 * explicit NEXT_TELEMETRY_DISABLED is then theirs).
 */
export function nextEnvironment(env: Environment, config: Pick<Config, "telemetry">): Environment {
  return {
    ...env,
    NODE_ENV: "production",
    ...(config.telemetry ? {} : { NEXT_TELEMETRY_DISABLED: "1" }),
  };
}
