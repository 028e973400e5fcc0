// Runs once when the Next.js server starts: migrate the database before the first request, start
// the background work, and tell the serving process (server/runtime) how to stop it all.
const RETRY_OPEN_MS = 2000;

export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { onShutdown } = await import("@/server/runtime/lifecycle");
  const { closeDatabase } = await import("@/server/database");
  onShutdown("storage", "database", closeDatabase);
  const { reportDatabaseFailure } = await import("@/db/availability");
  // A database that is not up yet (a container started before it) is waited for in the background;
  // meanwhile requests answer 503 and /api/health says so. Any other failure stops the start.
  const retry = (error: unknown) => {
    if (!reportDatabaseFailure(error)) throw error;
    setTimeout(() => void startApp().catch(retry), RETRY_OPEN_MS).unref();
  };
  await startApp().catch(retry);
}

async function startApp(): Promise<void> {
  const { onShutdown, provideSetupCheck } = await import("@/server/runtime/lifecycle");
  const { getDatabase } = await import("@/server/database");
  const { db } = await getDatabase();
  const { hasAnyUser } = await import("@/server/auth/user.service");
  provideSetupCheck(async () => !(await hasAnyUser(db)));
  // Imports, automations and clean-ups (server/jobs).
  const { startJobRunner } = await import("@/server/jobs/job.runner");
  const jobs = startJobRunner(db);
  onShutdown("work", "jobs", () => jobs.stop());
  // The delivery loop; HOOKLINE_WORKER=off leaves sending to `npm run worker` or the cron tick.
  const { startInProcessEngine } = await import("@/server/delivery/delivery.runtime");
  const engine = await startInProcessEngine();
  // Given the stop's deadline, the engine finishes what it can and hands back the rest unsent.
  const delivery = engine as { stop: (options?: { graceMs?: number }) => Promise<void> } | undefined;
  if (delivery) onShutdown("work", "delivery", (graceMs) => delivery.stop({ graceMs }));
}
