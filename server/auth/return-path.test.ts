import { describe, expect, it } from "vitest";
import { safeReturnPath, signInPath } from "./return-path";

describe("safeReturnPath", () => {
  it("keeps a path on this site with its query", () => {
    expect(safeReturnPath("/contacts?q=ada")).toBe("/contacts?q=ada");
    expect(signInPath("/hooks/hk_1")).toBe("/sign-in?next=%2Fhooks%2Fhk_1");
  });

  it("turns anything that could leave the site into the dashboard", () => {
    for (const value of [
      "//evil.example/",
      "/\\evil.example",
      "https://evil.example/",
      "javascript:alert(1)",
      "/\tx",
      "",
      null,
    ]) {
      expect(safeReturnPath(value)).toBe("/");
    }
    expect(signInPath("//evil.example")).toBe("/sign-in");
  });
});
