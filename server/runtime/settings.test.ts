import { describe, expect, it } from "vitest";
import { nextEnvironment, readServiceSettings, SettingsError } from "./settings";

describe("readServiceSettings", () => {
  it("has defaults a first run needs nothing for", () => {
    expect(readServiceSettings({})).toEqual({
      port: 3000,
      host: undefined,
      shutdownMs: 10_000,
      telemetry: false,
      https: false,
    });
    expect(
      readServiceSettings({ PORT: "8080", HOOKLINE_SHUTDOWN_SECONDS: "2.5", HOOKLINE_HOST: "127.0.0.1" }),
    ).toEqual({ port: 8080, host: "127.0.0.1", shutdownMs: 2500, telemetry: false, https: false });
    expect(readServiceSettings({ HOOKLINE_PUBLIC_URL: "https://hooks.example.com" }).https).toBe(true);
    expect(readServiceSettings({ HOOKLINE_PUBLIC_URL: "http://10.0.0.5:3000" }).https).toBe(false);
  });

  it("refuses a bad value with a sentence naming the variable", () => {
    expect(() => readServiceSettings({ PORT: "http" })).toThrow(/PORT/);
    expect(() => readServiceSettings({ HOOKLINE_SHUTDOWN_SECONDS: "0" })).toThrow(
      /HOOKLINE_SHUTDOWN_SECONDS/,
    );
    expect(() => readServiceSettings({ HOOKLINE_TELEMETRY: "maybe" })).toThrow(SettingsError);
    expect(() => readServiceSettings({ HOOKLINE_TRUSTED_PROXIES: "everyone" })).toThrow(
      /HOOKLINE_TRUSTED_PROXIES/,
    );
  });
});

describe("nextEnvironment", () => {
  it("turns Next.js telemetry off unless the operator turned it on", () => {
    expect(nextEnvironment({}, readServiceSettings({})).NEXT_TELEMETRY_DISABLED).toBe("1");
    // An operator's own NEXT_TELEMETRY_DISABLED=0 does not turn it on; HOOKLINE_TELEMETRY does.
    expect(
      nextEnvironment({ NEXT_TELEMETRY_DISABLED: "0" }, readServiceSettings({})).NEXT_TELEMETRY_DISABLED,
    ).toBe("1");
    const on = readServiceSettings({ HOOKLINE_TELEMETRY: "on" });
    expect(nextEnvironment({}, on).NEXT_TELEMETRY_DISABLED).toBeUndefined();
  });
});
