// Runs once when the Next.js server starts: migrate the database before the first request.
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { getDatabase } = await import("@/server/database");
  await getDatabase();
}
