// Runs once when the Next.js server starts: migrate the database before the first request, start
// the background work, and tell the serving process (server/runtime) how to stop it all.
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { onShutdown, provideSetupCheck } = await import("@/server/runtime/lifecycle");
  const { closeDatabase, getDatabase } = await import("@/server/database");
  const { db } = await getDatabase();
  onShutdown("storage", "database", closeDatabase);
  const { hasAnyUser } = await import("@/server/auth/user.service");
  provideSetupCheck(async () => !(await hasAnyUser(db)));
  // Imports, automations and clean-ups (server/jobs).
  const { startJobRunner } = await import("@/server/jobs/job.runner");
  const jobs = startJobRunner(db);
  onShutdown("work", "jobs", () => jobs.stop());
  // The delivery loop; HOOKLINE_WORKER=off leaves sending to `npm run worker` or the cron tick.
  const { startInProcessEngine } = await import("@/server/delivery/delivery.runtime");
  const engine = await startInProcessEngine();
  if (engine) onShutdown("work", "delivery", () => engine.stop());
}
