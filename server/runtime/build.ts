// The build step of `npm start`: whether the app needs (re)building, and running `next build` so
// that a person watching sees it progress — Next's own lines as they come, and an elapsed-time
// line whenever it has been quiet for a while (its compile step says nothing for a minute or more).
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { createInterface } from "node:readline";

/** Everything a build is made from: a change to any of it makes the build stale. */
const SOURCES = [
  "app",
  "components",
  "server",
  "db",
  "public",
  "instrumentation.ts",
  "next.config.mjs",
  "package.json",
  "package-lock.json",
  "tsconfig.json",
  "postcss.config.mjs",
];

function newestMtime(target: string): number {
  if (!existsSync(target)) return 0;
  const stat = statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = 0;
  for (const entry of readdirSync(target)) newest = Math.max(newest, newestMtime(path.join(target, entry)));
  return newest;
}

/** Why a build is needed before serving, or undefined when the last one is current. */
export function buildReason(root: string, distDir: string): string | undefined {
  const buildId = path.join(root, distDir, "BUILD_ID");
  const builtAt = existsSync(buildId) ? statSync(buildId).mtimeMs : 0;
  if (builtAt === 0) return "No build yet: building Hookline first (about two minutes)…";
  const changedAt = Math.max(...SOURCES.map((source) => newestMtime(path.join(root, source))));
  return changedAt > builtAt ? "Sources changed since the last build: rebuilding…" : undefined;
}

export function formatElapsed(ms: number): string {
  const seconds = Math.round(ms / 1000);
  if (seconds < 60) return `${seconds} s`;
  return `${Math.floor(seconds / 60)} min ${seconds % 60} s`;
}

export interface ProgressOptions {
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** After this long without output, say how long it has been running. */
  quietMs?: number;
  write?: (line: string) => void;
}

export interface RunningBuild {
  child: ChildProcess;
  /** The exit code (a signal counts as failure). */
  done: Promise<number>;
}

/** Runs a command, relaying its output line by line and an elapsed line after each quiet spell. */
export function runWithProgress(command: string, args: string[], options: ProgressOptions): RunningBuild {
  const write = options.write ?? ((line: string) => process.stdout.write(`${line}\n`));
  const quietMs = options.quietMs ?? 15_000;
  const started = Date.now();
  let lastOutput = started;
  const child = spawn(command, args, {
    cwd: options.cwd,
    env: options.env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  for (const stream of [child.stdout, child.stderr]) {
    createInterface({ input: stream }).on("line", (line) => {
      lastOutput = Date.now();
      write(line);
    });
  }
  const ticker = setInterval(
    () => {
      if (Date.now() - lastOutput < quietMs) return;
      lastOutput = Date.now();
      write(`  … still building (${formatElapsed(Date.now() - started)})`);
    },
    Math.min(1000, quietMs),
  );
  const done = new Promise<number>((resolve) => {
    child.on("error", (error) => {
      write(`Could not run ${command}: ${error.message}`);
      resolve(1);
    });
    child.on("close", (code) => {
      clearInterval(ticker);
      resolve(code ?? 1);
    });
  });
  return { child, done };
}

/** `next build` in root, with progress. */
export function buildApp(root: string, env: NodeJS.ProcessEnv, write?: (line: string) => void): RunningBuild {
  const next = path.join(root, "node_modules/next/dist/bin/next");
  return runWithProgress(process.execPath, [next, "build"], { cwd: root, env, ...(write ? { write } : {}) });
}
