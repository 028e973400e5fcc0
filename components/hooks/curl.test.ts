import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { curlCommand, prettyBody, shellQuote } from "./curl";

describe("curl command", () => {
  it("quotes every header and the body so a shell passes them through untouched", () => {
    const body = `{"note":"it's $HOME \`whoami\` \\"quoted\\" \\n done"}`;
    const command = curlCommand(
      "http://127.0.0.1:9/hook?a=1&b=2",
      { "content-type": "application/json", "webhook-signature": "v1,abc+/= v1,def", "content-length": "99" },
      body,
    );
    expect(command).toContain("-H 'webhook-signature: v1,abc+/= v1,def'");
    expect(command).not.toContain("content-length");
    // A real shell, given the quoted body, prints it back unchanged.
    const echoed = execFileSync("sh", ["-c", `printf %s ${shellQuote(body)}`], { encoding: "utf8" });
    expect(echoed).toBe(body);
    const url = execFileSync("sh", ["-c", `printf %s ${shellQuote("http://x/?a=1&b='2'")}`], {
      encoding: "utf8",
    });
    expect(url).toBe("http://x/?a=1&b='2'");
  });

  it("pretty-prints JSON and leaves other text alone", () => {
    expect(prettyBody('{"a":1}')).toBe('{\n  "a": 1\n}');
    expect(prettyBody("not json")).toBe("not json");
  });
});
