// The README's configuration table is the operator's list of variables: it names exactly the
// variables the schema reads, so a new one can't ship undocumented nor a removed one linger.
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { VARIABLES } from "./schema";

const README = path.resolve(import.meta.dirname, "../../README.md");

/** The variables named in the first column of the table under "## Configuration". */
function documentedVariables(): string[] {
  const text = readFileSync(README, "utf8");
  const section = text.split(/^## /m).find((part) => part.startsWith("Configuration\n")) ?? "";
  return [...section.matchAll(/^\|\s*`([A-Z][A-Z0-9_]*)`\s*\|/gm)].map((match) => match[1] as string);
}

describe("the README's configuration table", () => {
  it("lists every variable the schema reads, and no other", () => {
    const documented = documentedVariables();
    expect(documented.length).toBeGreaterThan(0);
    expect(new Set(documented).size, "a variable is listed twice").toBe(documented.length);
    expect([...documented].sort()).toEqual([...VARIABLES].sort());
  });
});
