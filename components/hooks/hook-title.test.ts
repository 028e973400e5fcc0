import { describe, expect, it } from "vitest";
import { hookTitle } from "./hook-title";

describe("hookTitle", () => {
  it("is the hook's name when it has one", () => {
    expect(hookTitle({ name: "CRM sync", target_url: "https://crm.example/hooks" })).toBe("CRM sync");
  });

  it("is where an unnamed hook sends, without scheme, query or secrets in it", () => {
    expect(hookTitle({ name: null, target_url: "https://crm.example/in/hookline?token=abc" })).toBe(
      "crm.example/in/hookline",
    );
    expect(hookTitle({ name: null, target_url: "http://127.0.0.1:4000/" })).toBe("127.0.0.1:4000");
  });
});
