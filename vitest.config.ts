import path from "node:path";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: { alias: { "@": path.resolve(import.meta.dirname) } },
  test: {
    include: [
      "server/**/*.test.ts",
      "db/**/*.test.ts",
      "shared/**/*.test.ts",
      "components/**/*.test.ts",
      "app/**/*.test.ts",
    ],
    globalSetup: ["server/testing/global-setup.ts"],
    pool: "forks",
    // PGlite's first start and per-file database copies take seconds; HTTP tests wait on receivers.
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
