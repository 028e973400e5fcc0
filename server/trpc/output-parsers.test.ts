// Every procedure declares what it answers (`.output(schema)`): the answer is checked against it on
// the way out, so a field the service adds by mistake (a secret, a row's internals) never reaches
// the browser. The procedures are read from the router, so one added without an output fails here.
import { describe, expect, it } from "vitest";
import { appRouter } from "./root";

describe("tRPC procedures", () => {
  it("all declare an output parser", () => {
    const procedures = appRouter._def.procedures as unknown as Record<string, { _def: { output?: unknown } }>;
    expect(Object.keys(procedures).length).toBeGreaterThan(50);
    const missing = Object.entries(procedures)
      .filter(([, procedure]) => procedure._def.output === undefined)
      .map(([path]) => path);
    expect(missing).toEqual([]);
  });
});
