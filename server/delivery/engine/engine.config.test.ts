import { describe, expect, it } from "vitest";
import { overrideConfig } from "@/server/config/config";
import { configuredEngine, engineConfig } from "./engine.config";

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
      backstopClaimMs: 1000,
      flushDelayMs: 25,
      failingDisableMs: 5 * 24 * 3600 * 1000,
    });
    expect(engineConfig({ timeoutMs: 2_000 }).connectionWaitMs).toBe(2_000);
    expect(engineConfig({ timeoutMs: 2_000, connectionWaitMs: 500 }).connectionWaitMs).toBe(500);
  });

  it("takes the configured HOOKLINE_* settings, lease seconds as milliseconds, and lets overrides win", () => {
    const restore = overrideConfig({
      HOOKLINE_DELIVERY_CONCURRENCY: "100",
      HOOKLINE_HOOK_CONCURRENCY: "8",
      HOOKLINE_ORIGIN_CONNECTIONS: "16",
      HOOKLINE_DELIVERY_BATCH: "50",
      HOOKLINE_LEASE_SECONDS: "2",
      HOOKLINE_DELIVERY_TIMEOUT_MS: "3000",
      HOOKLINE_POLL_MS: "200",
      HOOKLINE_FLUSH_DELAY_MS: "5",
    });
    try {
      expect(configuredEngine({ perHook: 4, timeoutMs: undefined })).toMatchObject({
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
      expect(configuredEngine({ timeoutMs: 1_000 }).connectionWaitMs).toBe(1_000);
    } finally {
      restore();
    }
    const restoreWait = overrideConfig({ HOOKLINE_CONNECTION_WAIT_MS: "700" });
    try {
      expect(configuredEngine().connectionWaitMs).toBe(700);
    } finally {
      restoreWait();
    }
  });
});
