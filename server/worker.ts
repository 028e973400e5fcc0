// `npm run worker`: the delivery loop as its own process, to scale sending out beside the web
// servers. Run as many as you like against one PostgreSQL. SIGTERM or SIGINT lets the sends on the
// wire finish within HOOKLINE_SHUTDOWN_SECONDS and hands the rest back unsent (not counted as an
// attempt), so whichever worker takes them next sends them under the same webhook-id.
import { migrateToLatest, openDatabase } from "@/db";
import { type Config, ConfigError, loadConfig } from "@/server/config/config";
import { DeliveryEngine } from "@/server/delivery/engine/delivery.engine";
import { logger } from "@/server/logging/logger";

/** What closing the database may take at most, kept out of the sends' grace period. */
const CLOSE_MS = 2000;

function readConfig(): Config {
  try {
    return loadConfig(process.env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(error.message);
    process.exit(1);
  }
}

async function main(): Promise<void> {
  const settings = readConfig();
  const log = logger("worker");
  if (!settings.databaseUrl) {
    console.error(
      "The standalone worker needs DATABASE_URL (PostgreSQL). With the embedded database the web server runs the delivery loop itself.",
    );
    process.exit(2);
  }
  const opened = await openDatabase({
    url: settings.databaseUrl,
    poolSize: settings.workerPoolSize,
    preparedStatements: settings.preparedStatements,
  });
  await migrateToLatest(opened.db);
  const engine = new DeliveryEngine(opened);
  await engine.start();
  log.info("delivering");

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    const { shutdownMs } = settings;
    log.info({ signal, shutdownMs }, "stopping: finishing in-flight deliveries");
    // The last resort if a step hangs: exit anyway, saying so.
    setTimeout(() => {
      log.error({ shutdownMs }, "did not stop in time; exiting anyway");
      process.exit(1);
    }, shutdownMs).unref();
    await engine.stop({ graceMs: Math.max(shutdownMs - CLOSE_MS, shutdownMs / 2) });
    await opened.close();
    log.info("stopped");
    process.exit(0);
  };
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
  process.on("SIGINT", () => void shutdown("SIGINT"));
}

main().catch((error: unknown) => {
  logger("worker").fatal({ err: error }, "failed to start");
  process.exit(1);
});
