// Runs once when the Next.js server starts: migrate the database before the first request.
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { getDatabase } = await import("@/server/database");
  const { db } = await getDatabase();
  // Imports, automations and clean-ups (server/jobs).
  const { startJobRunner } = await import("@/server/jobs/job.runner");
  startJobRunner(db);
  // The delivery loop; HOOKLINE_WORKER=off leaves sending to `npm run worker` or the cron tick.
  const { startInProcessEngine } = await import("@/server/delivery/delivery.runtime");
  await startInProcessEngine();
}
