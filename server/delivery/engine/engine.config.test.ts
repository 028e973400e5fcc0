import { describe, expect, it } from "vitest";
import { engineConfig, engineConfigFromEnv } from "./engine.config";

describe("engine config", () => {
  it("has a default for every setting, the connection wait following the send deadline", () => {
    expect(engineConfig()).toEqual({
      concurrency: 512,
      perHook: 64,
      perOrigin: 64,
      batch: 512,
      leaseMs: 10_000,
      timeoutMs: 15_000,
      connectionWaitMs: 15_000,
      pollMs: 1000,
      flushDelayMs: 25,
      failingDisableMs: 5 * 24 * 3600 * 1000,
    });
    expect(engineConfig({ timeoutMs: 2_000 }).connectionWaitMs).toBe(2_000);
    expect(engineConfig({ timeoutMs: 2_000, connectionWaitMs: 500 }).connectionWaitMs).toBe(500);
  });

  it("reads HOOKLINE_* variables, lease seconds as milliseconds, and lets overrides win", () => {
    const env = {
      HOOKLINE_DELIVERY_CONCURRENCY: "100",
      HOOKLINE_HOOK_CONCURRENCY: "8",
      HOOKLINE_ORIGIN_CONNECTIONS: "16",
      HOOKLINE_DELIVERY_BATCH: "50",
      HOOKLINE_LEASE_SECONDS: "2",
      HOOKLINE_DELIVERY_TIMEOUT_MS: "3000",
      HOOKLINE_POLL_MS: "200",
      HOOKLINE_FLUSH_DELAY_MS: "5",
    };
    expect(engineConfigFromEnv({ perHook: 4, timeoutMs: undefined }, env)).toMatchObject({
      concurrency: 100,
      perHook: 4,
      perOrigin: 16,
      batch: 50,
      leaseMs: 2_000,
      timeoutMs: 3_000,
      connectionWaitMs: 3_000,
      pollMs: 200,
      flushDelayMs: 5,
    });
    expect(engineConfigFromEnv({ timeoutMs: 1_000 }, env).connectionWaitMs).toBe(1_000);
    expect(engineConfigFromEnv({}, { ...env, HOOKLINE_CONNECTION_WAIT_MS: "700" }).connectionWaitMs).toBe(
      700,
    );
  });

  it("falls back to the default for a variable that is empty, zero, negative or not a number", () => {
    for (const raw of ["", " ", "0", "-5", "many", "Infinity"]) {
      expect(engineConfigFromEnv({}, { HOOKLINE_DELIVERY_CONCURRENCY: raw }).concurrency).toBe(512);
    }
  });
});
