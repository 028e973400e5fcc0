// `npm run worker`: the delivery loop as its own process, to scale sending out beside the web
// servers. Run as many as you like against one PostgreSQL; SIGTERM finishes in-flight sends first.
import { migrateToLatest, openDatabase } from "@/db";
import { DeliveryEngine } from "@/server/delivery/engine/delivery.engine";

async function main(): Promise<void> {
  const url = process.env.DATABASE_URL;
  if (!url) {
    console.error(
      "The standalone worker needs DATABASE_URL (PostgreSQL). With the embedded database the web server runs the delivery loop itself.",
    );
    process.exit(2);
  }
  const opened = await openDatabase({ url, poolSize: Number(process.env.HOOKLINE_WORKER_POOL ?? 5) });
  await migrateToLatest(opened.db);
  const engine = new DeliveryEngine(opened);
  await engine.start();
  console.log(`[worker] delivering (pid ${process.pid})`);

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`[worker] ${signal}: finishing in-flight deliveries`);
    const force = setTimeout(() => process.exit(1), engine.config.timeoutMs + 10_000);
    force.unref();
    await engine.stop();
    await opened.close();
    console.log("[worker] stopped");
    process.exit(0);
  };
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
  process.on("SIGINT", () => void shutdown("SIGINT"));
}

main().catch((error: unknown) => {
  console.error("[worker] failed to start", error);
  process.exit(1);
});
