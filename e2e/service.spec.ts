// `npm start` as a supervisor runs it: a SIGTERM or SIGINT to npm or to the server stops Hookline
// within HOOKLINE_SHUTDOWN_SECONDS with exit code 0, its database closed and its lock freed.
import { existsSync } from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { openDatabase } from "@/db";
import { spawnNpmStart, startHookline } from "./support/hookline-process";

const SHUTDOWN_SECONDS = 5;

test.describe("npm start as a service", () => {
  test.describe.configure({ timeout: 120_000 });

  test("says where to go, and that the first visit creates the first admin", async () => {
    const hookline = await startHookline();
    try {
      expect(hookline.output()).toMatch(/Hookline is ready: open http:\/\/127\.0\.0\.1:\d+/);
      expect(hookline.output()).toContain(
        "No admin yet: your first visit there creates the first admin account.",
      );
      const health = await fetch(`${hookline.url}/api/health`);
      expect(health.status).toBe(200);
    } finally {
      await hookline.dispose();
    }
  });

  test("refuses a bad setting before anything starts: one line naming it, exit code 1", async () => {
    const npm = spawnNpmStart({ HOOKLINE_SHUTDOWN_SECONDS: "abc", PORT: "0" });
    expect(await npm.exited).toEqual({ code: 1, signal: null });
    const output = npm.output();
    expect(output).toContain('HOOKLINE_SHUTDOWN_SECONDS must be a number of seconds above 0, got "abc"\n');
    expect(output).not.toMatch(/Hookline is (ready|listening)|Building/);
  });

  for (const [target, signal] of [
    ["npm", "SIGTERM"],
    ["npm", "SIGINT"],
    ["server", "SIGTERM"],
    ["server", "SIGINT"],
  ] as const) {
    test(`stops cleanly on ${signal} to ${target === "npm" ? "npm" : "the server process"}`, async () => {
      const hookline = await startHookline({ HOOKLINE_SHUTDOWN_SECONDS: String(SHUTDOWN_SECONDS) });
      try {
        const lock = path.join(hookline.dataDir, "hookline.lock");
        expect(existsSync(lock)).toBe(true);
        const sentAt = Date.now();
        process.kill(target === "npm" ? (hookline.npm.pid as number) : hookline.serverPid, signal);
        const exit = await hookline.exited;
        expect(Date.now() - sentAt).toBeLessThan(SHUTDOWN_SECONDS * 1000);
        expect(exit).toEqual({ code: 0, signal: null });
        expect(hookline.output()).toMatch(/Hookline stopped in/);
        // Nothing left behind: the server process is gone, and the database opens again.
        expect(() => process.kill(hookline.serverPid, 0)).toThrow();
        expect(existsSync(lock)).toBe(false);
        const reopened = await openDatabase({ dataDir: hookline.dataDir });
        await reopened.close();
      } finally {
        await hookline.dispose();
      }
    });
  }
});
