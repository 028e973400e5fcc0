// What the Next.js server starts beside itself (instrumentation.ts loads this on Node.js only):
// migrate the database before the first request, start the background work, and tell the serving
// process (server/runtime/lifecycle) how to stop it all.
import { reportDatabaseFailure } from "@/db/availability";
import { hasAnyUser } from "@/server/auth/user.service";
import { config } from "@/server/config/config";
import { closeDatabase, getDatabase } from "@/server/database";
import { startInProcessEngine } from "@/server/delivery/delivery.runtime";
import { startJobRunner } from "@/server/jobs/job.runner";
import { onShutdown, provideSetupCheck } from "@/server/runtime/lifecycle";

const RETRY_OPEN_MS = 2000;

export async function startAppServices(): Promise<void> {
  // Read before anything starts: under `next dev` (which server/start.ts doesn't run) a bad value
  // stops here, naming the variable, rather than failing the first request that reads it.
  config();
  onShutdown("storage", "database", closeDatabase);
  // A database that is not up yet (a container started before it) is waited for in the background;
  // meanwhile requests answer 503 and /api/health says so. Any other failure stops the start.
  const retry = (error: unknown) => {
    if (!reportDatabaseFailure(error)) throw error;
    setTimeout(() => void startApp().catch(retry), RETRY_OPEN_MS).unref();
  };
  await startApp().catch(retry);
}

async function startApp(): Promise<void> {
  const { db, kind } = await getDatabase();
  provideSetupCheck(async () => !(await hasAnyUser(db)));
  // Imports, automations and clean-ups (server/jobs).
  const jobs = startJobRunner(db, { embedded: kind === "pglite" });
  onShutdown("work", "jobs", () => jobs.stop());
  // The delivery loop; HOOKLINE_WORKER=off leaves sending to `npm run worker` or the cron tick.
  const engine = await startInProcessEngine();
  // Given the stop's deadline, the engine finishes what it can and hands back the rest unsent.
  if (engine) onShutdown("work", "delivery", (graceMs) => engine.stop({ graceMs }));
}
