// The embedded database is one process's at a time: two PGlite instances on one data directory
// corrupt it. A lock file naming the owner's pid turns that into a clear refusal.
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";

const LOCK_FILE = "hookline.lock";

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Takes the data directory for this process, or throws saying who holds it. Returns the release. */
export function lockDataDir(dataDir: string): () => void {
  const file = path.join(/*turbopackIgnore: true*/ dataDir, LOCK_FILE);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(file, String(process.pid), { flag: "wx" });
      return () => rmSync(file, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const holder = Number(readFileSync(file, "utf8").trim());
      if (Number.isInteger(holder) && holder > 0 && isAlive(holder)) {
        throw new Error(
          `The embedded database in ${dataDir} is in use by process ${holder}${holder === process.pid ? " (this one)" : ""}. ` +
            "Stop it first (or use the admin UI), or point DATABASE_URL at PostgreSQL to share one database.",
        );
      }
      // The holder is gone (a crash): the lock is stale.
      rmSync(file, { force: true });
    }
  }
  throw new Error(`Could not lock the embedded database in ${dataDir}.`);
}
