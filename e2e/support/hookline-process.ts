// Runs Hookline as an operator does — `npm start` — on the build the e2e run just made, in a data
// directory (or database) of its own, so a spec can signal it, measure it and read what it printed.
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { E2E_DIST_DIR } from "../fixtures";

const ROOT = path.resolve(import.meta.dirname, "../..");

export interface HooklineProcess {
  /** The `npm start` process. */
  npm: ChildProcess;
  /** The Node.js process serving Hookline (npm's child). */
  serverPid: number;
  url: string;
  dataDir: string;
  output: () => string;
  /** npm's exit: code and signal. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Stops it (SIGTERM) if still running and removes its data directory. */
  dispose: () => Promise<void>;
}

function childrenOf(pid: number): number[] {
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8")
      .trim()
      .split(/\s+/)
      .filter(Boolean)
      .map(Number);
  } catch {
    return [];
  }
}

/** Resident memory of a process, in bytes. */
export function residentBytes(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = Number(/^VmRSS:\s+(\d+) kB/m.exec(status)?.[1]);
  return kb * 1024;
}

/** `npm start` in this checkout with `env` added to ours: what it printed so far, and its exit. */
export function spawnNpmStart(
  env: Record<string, string>,
): Pick<HooklineProcess, "npm" | "output" | "exited"> {
  const npm = spawn("npm", ["start"], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  npm.stdout?.on("data", (chunk) => {
    output += chunk;
  });
  npm.stderr?.on("data", (chunk) => {
    output += chunk;
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    npm.once("exit", (code, signal) => resolve({ code, signal })),
  );
  return { npm, output: () => output, exited };
}

export async function startHookline(env: Record<string, string> = {}): Promise<HooklineProcess> {
  const dataDir = mkdtempSync(path.join(tmpdir(), "hookline-e2e-process-"));
  const {
    npm,
    output: printed,
    exited,
  } = spawnNpmStart({
    HOOKLINE_PUBLIC_URL: "",
    PORT: "0",
    HOOKLINE_HOST: "127.0.0.1",
    NEXT_DIST_DIR: E2E_DIST_DIR,
    HOOKLINE_DATA_DIR: dataDir,
    DATABASE_URL: "",
    ...env,
  });
  let running = true;
  void exited.then(() => {
    running = false;
  });
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setInterval(() => {
      const ready = /Hookline is (?:ready: open|listening on) (\S+)/.exec(printed());
      if (ready?.[1]) {
        clearInterval(timer);
        resolve(ready[1].replace(/,$/, ""));
      } else if (!running) {
        clearInterval(timer);
        reject(new Error(`npm start exited before it was ready:\n${printed()}`));
      }
    }, 50);
  });
  const serverPid = childrenOf(npm.pid as number)[0];
  if (!serverPid) throw new Error("npm start has no child process");
  return {
    npm,
    serverPid,
    url,
    dataDir,
    output: printed,
    exited,
    dispose: async () => {
      if (running) {
        npm.kill("SIGTERM");
        await exited;
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
