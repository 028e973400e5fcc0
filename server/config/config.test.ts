import { describe, expect, it } from "vitest";
import { ConfigError, config, loadConfig, overrideConfig } from "./config";
import { DEFAULT_RETENTION_DAYS, DEFAULT_RETRY_SCHEDULE } from "./schema";

describe("loadConfig", () => {
  it("has defaults a first run needs nothing for", () => {
    const defaults = loadConfig({});
    expect(defaults).toMatchObject({
      databaseUrl: undefined,
      dataDir: ".hookline",
      port: 3000,
      host: undefined,
      trustedProxies: { hops: 0 },
      shutdownMs: 10_000,
      telemetry: false,
      publicUrl: undefined,
      https: false,
      allowedTargets: [],
      retrySchedule: DEFAULT_RETRY_SCHEDULE,
      inProcessWorker: true,
      workerPoolSize: 5,
      intentTimeoutMs: 10_000,
      subscribeOrigins: [],
      portalFrameAncestors: [],
      metricsToken: undefined,
      retentionDays: DEFAULT_RETENTION_DAYS,
      preparedStatements: true,
      logLevel: "info",
      debug: false,
    });
    expect(defaults.delivery).toEqual({
      concurrency: 512,
      perHook: 64,
      perOrigin: 64,
      batch: 512,
      leaseMs: 10_000,
      timeoutMs: 15_000,
      connectionWaitMs: undefined,
      pollMs: 1000,
      flushDelayMs: 25,
    });
  });

  it("reads what an operator sets, blank meaning unset", () => {
    const read = loadConfig({
      DATABASE_URL: "postgres://hookline@db.internal:5432/hookline",
      PORT: "8080",
      HOOKLINE_HOST: " 127.0.0.1 ",
      HOOKLINE_SHUTDOWN_SECONDS: "2.5",
      HOOKLINE_TRUSTED_PROXIES: "10.0.0.0/8, 192.0.2.7",
      HOOKLINE_PUBLIC_URL: "https://hooks.example.com/",
      HOOKLINE_ALLOWED_TARGETS: "127.0.0.0/8,::1/128",
      HOOKLINE_RETRY_SCHEDULE: "1, 2,3",
      HOOKLINE_WORKER: "off",
      HOOKLINE_SUBSCRIBE_ORIGINS: "https://shop.example, https://www.shop.example/",
      HOOKLINE_PORTAL_FRAME_ANCESTORS:
        "https://app.example.com/, https://*.partner.example:8443, http://localhost:*",
      HOOKLINE_RETENTION_DAYS: "0",
      HOOKLINE_PREPARED_STATEMENTS: "OFF",
      HOOKLINE_LOG_LEVEL: "warn",
      HOOKLINE_TELEMETRY: "",
    });
    expect(read).toMatchObject({
      databaseUrl: "postgres://hookline@db.internal:5432/hookline",
      port: 8080,
      host: "127.0.0.1",
      shutdownMs: 2500,
      publicUrl: "https://hooks.example.com",
      https: true,
      retrySchedule: [1, 2, 3],
      inProcessWorker: false,
      subscribeOrigins: ["https://shop.example", "https://www.shop.example"],
      portalFrameAncestors: [
        "https://app.example.com",
        "https://*.partner.example:8443",
        "http://localhost:*",
      ],
      retentionDays: null,
      preparedStatements: false,
      logLevel: "warn",
      telemetry: false,
    });
    expect(read.allowedTargets.map(([address, bits]) => `${address.toString()}/${bits}`)).toEqual([
      "127.0.0.0/8",
      "::1/128",
    ]);
    expect("ranges" in read.trustedProxies && read.trustedProxies.ranges).toHaveLength(2);
    expect(loadConfig({ HOOKLINE_TRUSTED_PROXIES: "2" }).trustedProxies).toEqual({ hops: 2 });
    expect(loadConfig({ HOOKLINE_PUBLIC_URL: "http://10.0.0.5:3000" }).https).toBe(false);
  });

  it.each([
    ["PORT", "http", 'PORT must be a port number from 0 to 65535, got "http"'],
    ["PORT", "70000", 'PORT must be a port number from 0 to 65535, got "70000"'],
    [
      "HOOKLINE_SHUTDOWN_SECONDS",
      "abc",
      'HOOKLINE_SHUTDOWN_SECONDS must be a number of seconds above 0, got "abc"',
    ],
    [
      "HOOKLINE_SHUTDOWN_SECONDS",
      "0",
      'HOOKLINE_SHUTDOWN_SECONDS must be a number of seconds above 0, got "0"',
    ],
    ["HOOKLINE_TELEMETRY", "maybe", 'HOOKLINE_TELEMETRY must be "on" or "off", got "maybe"'],
    ["HOOKLINE_TRUSTED_PROXIES", "everyone", /^HOOKLINE_TRUSTED_PROXIES must be a number of proxy hops/],
    ["HOOKLINE_TRUSTED_PROXIES", "10.0.0.0/33", /got "10\.0\.0\.0\/33"$/],
    [
      "HOOKLINE_ALLOWED_TARGETS",
      "127.0.0.0/8,localhost",
      /^HOOKLINE_ALLOWED_TARGETS must be comma-separated/,
    ],
    [
      "HOOKLINE_RETRY_SCHEDULE",
      "1,x",
      'HOOKLINE_RETRY_SCHEDULE must be comma-separated numbers of seconds (e.g. 5,300,1800), got "1,x"',
    ],
    [
      "HOOKLINE_RETENTION_DAYS",
      "-3",
      'HOOKLINE_RETENTION_DAYS must be a number of days (0 keeps everything), got "-3"',
    ],
    ["HOOKLINE_RETENTION_DAYS", "a week", /^HOOKLINE_RETENTION_DAYS must be a number of days/],
    [
      "HOOKLINE_DELIVERY_TIMEOUT_MS",
      "-1",
      /^HOOKLINE_DELIVERY_TIMEOUT_MS must be a number of milliseconds above 0/,
    ],
    [
      "HOOKLINE_DELIVERY_CONCURRENCY",
      "1.5",
      'HOOKLINE_DELIVERY_CONCURRENCY must be a whole number of at least 1, got "1.5"',
    ],
    ["HOOKLINE_WORKER", "sometimes", 'HOOKLINE_WORKER must be "on" or "off", got "sometimes"'],
    ["HOOKLINE_PUBLIC_URL", "hooks.example.com", /^HOOKLINE_PUBLIC_URL must be an http\(s\) URL/],
    ["DATABASE_URL", "mysql://db/hookline", /^DATABASE_URL must be a PostgreSQL connection string/],
    [
      "HOOKLINE_SUBSCRIBE_ORIGINS",
      "shop.example",
      /^HOOKLINE_SUBSCRIBE_ORIGINS must be comma-separated origins/,
    ],
    ...[
      "app.example.com",
      "https://app.example.com/portal",
      "*",
      "https://a.example; script-src *",
      "'self'",
    ].map((value): [string, string, RegExp] => [
      "HOOKLINE_PORTAL_FRAME_ANCESTORS",
      value,
      /^HOOKLINE_PORTAL_FRAME_ANCESTORS must be comma-separated origins such as https:\/\/app\.example\.com/,
    ]),
    [
      "HOOKLINE_METRICS_TOKEN",
      "short",
      'HOOKLINE_METRICS_TOKEN must be a token of at least 16 characters, got "short"',
    ],
    ["HOOKLINE_LOG_LEVEL", "loud", /^HOOKLINE_LOG_LEVEL must be one of fatal, error, warn, info/],
  ])("refuses %s=%s in one line naming the variable and what it accepts", (name, value, message) => {
    let thrown: unknown;
    try {
      loadConfig({ [name]: value });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ConfigError);
    const text = (thrown as Error).message;
    expect(text).not.toContain("\n");
    if (typeof message === "string") expect(text).toBe(message);
    else expect(text).toMatch(message);
  });
});

describe("overrideConfig", () => {
  it("puts values on top of the environment until restored, on top of earlier overrides", () => {
    const before = config();
    const restoreOuter = overrideConfig({ HOOKLINE_RETRY_SCHEDULE: "1,2" });
    const restoreInner = overrideConfig({ HOOKLINE_TICK_SECRET: "tick-secret" });
    expect(config()).toMatchObject({ retrySchedule: [1, 2], tickSecret: "tick-secret" });
    restoreInner();
    expect(config()).toMatchObject({ retrySchedule: [1, 2], tickSecret: before.tickSecret });
    restoreOuter();
    expect(config().retrySchedule).toEqual(before.retrySchedule);
  });

  it("refuses a bad value as loading would, and keeps the configuration it had", () => {
    const before = config();
    expect(() => overrideConfig({ PORT: "x" })).toThrow(ConfigError);
    expect(config()).toBe(before);
  });
});
