import path from "node:path";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: {
    alias: {
      "@": path.resolve(import.meta.dirname),
      // Server modules import "server-only", which throws unless resolved as a server would
      // (Next does that per layer; server/runtime/server-only.mjs does it for plain Node): tests
      // run server code only, so they get its empty module.
      "server-only": path.resolve(import.meta.dirname, "node_modules/server-only/empty.js"),
    },
  },
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
