import { describe, expect, it } from "vitest";
import { loadConfig } from "@/server/config/config";
import { nextEnvironment } from "./next-environment";

describe("nextEnvironment", () => {
  it("turns Next.js telemetry off unless the operator turned it on", () => {
    expect(nextEnvironment({}, loadConfig({})).NEXT_TELEMETRY_DISABLED).toBe("1");
    // An operator's own NEXT_TELEMETRY_DISABLED=0 does not turn it on; HOOKLINE_TELEMETRY does.
    expect(nextEnvironment({ NEXT_TELEMETRY_DISABLED: "0" }, loadConfig({})).NEXT_TELEMETRY_DISABLED).toBe(
      "1",
    );
    const on = loadConfig({ HOOKLINE_TELEMETRY: "on" });
    expect(nextEnvironment({}, on).NEXT_TELEMETRY_DISABLED).toBeUndefined();
  });
});
