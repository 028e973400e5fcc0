import { existsSync } from "node:fs";
// Specs that open the database or make API keys import server modules, which import "server-only":
// resolve it as a server would (this file loads in the runner and in every worker).
import "./server/runtime/server-only.mjs";
import { defineConfig, devices } from "@playwright/test";
import { AUTH_STATE, E2E_DIST_DIR, E2E_METRICS_TOKEN, E2E_PORTAL_EMBEDDER } from "./e2e/fixtures";

// Debian's Chromium where it is installed (no browser download works on our machines).
const chromiumPath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const PORT = Number(process.env.E2E_PORT ?? 3210);
const E2E_BASE_URL = `http://127.0.0.1:${PORT}`;
// Per port, so two runs on one machine never share a database. The build folder is one per
// checkout: named in tsconfig.json's includes, so a build never rewrites that file.
const DATA_DIR = `.hookline-e2e-${PORT}`;

export default defineConfig({
  testDir: "e2e",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  forbidOnly: !!process.env.CI,
  reporter: process.env.CI ? [["list"]] : [["list"], ["html", { open: "never" }]],
  timeout: 60_000,
  expect: { timeout: 10_000 },
  use: {
    baseURL: E2E_BASE_URL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    video: "off",
    launchOptions: {
      ...(existsSync(chromiumPath) ? { executablePath: chromiumPath } : {}),
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
  projects: [
    { name: "setup", testMatch: /setup\.spec\.ts/, use: { ...devices["Desktop Chrome"] } },
    {
      name: "chromium",
      testIgnore: /setup\.spec\.ts/,
      dependencies: ["setup"],
      use: { ...devices["Desktop Chrome"], storageState: AUTH_STATE },
    },
  ],
  // `npm start` on a fresh embedded database, as a new user runs it: it builds when the sources
  // changed since the last e2e build, then serves; SIGTERM at the end stops it as a supervisor would.
  webServer: {
    command: `rm -rf ${DATA_DIR} && npm start`,
    url: `${E2E_BASE_URL}/api/health`,
    // The first start builds: ~30 s on a quiet machine, minutes on a busy one.
    timeout: 480_000,
    reuseExistingServer: false,
    stdout: "pipe",
    gracefulShutdown: { signal: "SIGTERM", timeout: 15_000 },
    env: {
      PORT: String(PORT),
      HOOKLINE_HOST: "127.0.0.1",
      NEXT_DIST_DIR: E2E_DIST_DIR,
      HOOKLINE_DATA_DIR: DATA_DIR,
      DATABASE_URL: "",
      HOOKLINE_ALLOWED_TARGETS: "127.0.0.0/8,::1/128",
      // Retries one second apart, so specs can watch a failing delivery retry and give up.
      HOOKLINE_RETRY_SCHEDULE: "1,1,1",
      HOOKLINE_PUBLIC_URL: E2E_BASE_URL,
      HOOKLINE_METRICS_TOKEN: E2E_METRICS_TOKEN,
      HOOKLINE_PORTAL_FRAME_ANCESTORS: E2E_PORTAL_EMBEDDER,
    },
  },
});
