import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, expect, it } from "vitest";
import { lockDataDir } from "./data-dir-lock";

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});
function freshDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), "hookline-lock-"));
  dirs.push(dir);
  return dir;
}

it("lets one holder at a time take the data directory", () => {
  const dir = freshDir();
  const release = lockDataDir(dir);
  expect(() => lockDataDir(dir)).toThrow(/in use by process \d+ \(this one\)/);
  release();
  lockDataDir(dir)();
});

it("takes over a lock whose process is gone", () => {
  const dir = freshDir();
  // Pid 2^22 + 1 is above Linux's pid_max default and cannot be alive.
  writeFileSync(path.join(dir, "hookline.lock"), String(4194305));
  const release = lockDataDir(dir);
  release();
});
