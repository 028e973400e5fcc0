// A PostgreSQL cluster of a test's own, for tests that crash the database: initdb in a temporary
// directory, a free loopback port, and removed at the end. Never the shared server, which other
// test runs use at the same time.
import { execFileSync, spawn } from "node:child_process";
import { chownSync, existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";

/** Where initdb and pg_ctl are looked for: POSTGRES_BIN, else Debian's PostgreSQL 15. */
export const POSTGRES_BIN = process.env.POSTGRES_BIN ?? "/usr/lib/postgresql/15/bin";

/** Why a private cluster can't be made here, or null when it can. */
export function privatePostgresUnavailable(): string | null {
  for (const tool of ["initdb", "pg_ctl", "postgres"]) {
    if (!existsSync(path.join(POSTGRES_BIN, tool)))
      return `${tool} is not in ${POSTGRES_BIN} (set POSTGRES_BIN)`;
  }
  if (isRoot() && postgresUid() === null) return "running as root and there is no postgres user to run it as";
  return null;
}

export interface PrivatePostgres {
  /** Connection string of its `postgres` database. */
  url: string;
  /** Kills the server the way a crash would: no checkpoint, shared memory (unwritten WAL) lost. */
  crash: () => Promise<void>;
  start: () => Promise<void>;
  /** Stops it and removes its directory. */
  remove: () => Promise<void>;
}

function isRoot(): boolean {
  return process.getuid?.() === 0;
}

function postgresUid(): { uid: number; gid: number } | null {
  try {
    const uid = Number(execFileSync("id", ["-u", "postgres"], { encoding: "utf8" }).trim());
    const gid = Number(execFileSync("id", ["-g", "postgres"], { encoding: "utf8" }).trim());
    return { uid, gid };
  } catch {
    return null;
  }
}

/** PostgreSQL refuses to run as root: as root, its tools run as the postgres user. */
function run(tool: string, args: string[]): Promise<void> {
  const binary = path.join(POSTGRES_BIN, tool);
  const [command, argv] = isRoot() ? ["runuser", ["-u", "postgres", "--", binary, ...args]] : [binary, args];
  return new Promise((resolve, reject) => {
    const child = spawn(command, argv, { stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (chunk) => {
      output += chunk;
    });
    child.stderr.on("data", (chunk) => {
      output += chunk;
    });
    child.on("error", reject);
    child.on("exit", (code) => {
      if (code === 0) resolve();
      else reject(new Error(`${tool} ${args.join(" ")} exited with ${code}: ${output}`));
    });
  });
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (!address || typeof address === "string") throw new Error("no port");
  return address.port;
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * initdb and start a cluster. `settings` go on the server's command line (`-c name=value`).
 * fsync is off: a crash here is PostgreSQL's, not the machine's, so what was written to the
 * kernel survives it either way, and the cluster starts in a fraction of the time.
 */
export async function startPrivatePostgres(settings: Record<string, string> = {}): Promise<PrivatePostgres> {
  const dir = mkdtempSync(path.join(tmpdir(), "hookline-pg-"));
  const owner = isRoot() ? postgresUid() : null;
  if (owner) chownSync(dir, owner.uid, owner.gid);
  const data = path.join(dir, "data");
  const port = await freePort();
  const options = [
    `-p ${port}`,
    `-k ${dir}`,
    "-c listen_addresses=127.0.0.1",
    "-c fsync=off",
    ...Object.entries(settings).map(([name, value]) => `-c ${name}=${value}`),
  ].join(" ");
  await run("initdb", ["-D", data, "-A", "trust", "-U", "postgres", "-E", "UTF8", "--no-sync"]);
  const start = () => run("pg_ctl", ["-D", data, "-l", path.join(dir, "log"), "-o", options, "-w", "start"]);
  await start();
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    async crash() {
      // What `pg_ctl stop -m immediate` sends, without the latency of starting pg_ctl first.
      const pid = Number(readFileSync(path.join(data, "postmaster.pid"), "utf8").split("\n")[0]);
      process.kill(pid, "SIGQUIT");
      while (processAlive(pid)) await new Promise((resolve) => setTimeout(resolve, 20));
    },
    start,
    async remove() {
      await run("pg_ctl", ["-D", data, "-m", "immediate", "-w", "stop"]).catch(() => {});
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
