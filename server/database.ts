// The process-wide database: opened and migrated once, shared by tRPC, REST routes and the worker.
import "server-only";
import { type Db, migrateToLatest, type OpenDatabase, openDatabase } from "@/db";
import { config } from "@/server/config/config";

interface Holder {
  opening?: Promise<OpenDatabase>;
  migrated: boolean;
}

// Kept on globalThis so Next's dev reloads and separately bundled route handlers share one handle
// (two PGlite instances on one data directory would corrupt it).
const globalHolder = globalThis as { __hookline?: Holder };
globalHolder.__hookline ??= { migrated: false };
const holder: Holder = globalHolder.__hookline;

export function getDatabase(): Promise<OpenDatabase> {
  holder.opening ??= (async () => {
    const { databaseUrl, dataDir, preparedStatements } = config();
    const opened = await openDatabase({ url: databaseUrl, dataDir, preparedStatements });
    await migrateToLatest(opened.db);
    holder.migrated = true;
    return opened;
  })().catch((error: unknown) => {
    holder.opening = undefined;
    throw error;
  });
  return holder.opening;
}

export async function getDb(): Promise<Db> {
  return (await getDatabase()).db;
}

export function isMigrated(): boolean {
  return holder.migrated;
}

/** Closes the database if it was opened (at shutdown: PGlite then frees its data directory's lock). */
export async function closeDatabase(): Promise<void> {
  const opening = holder.opening;
  holder.opening = undefined;
  holder.migrated = false;
  const opened = await opening?.catch(() => undefined);
  await opened?.close();
}

/** Points this process at an already opened database (tests give each file its own). */
export function useDatabase(opened: OpenDatabase): void {
  holder.opening = Promise.resolve(opened);
  holder.migrated = true;
}
