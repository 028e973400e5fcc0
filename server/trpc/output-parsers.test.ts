// Every procedure declares what it answers (`.output(schema)`): the answer is checked against it on
// the way out, so a field the service adds by mistake (a secret, a row's internals) never reaches
// the browser. The procedures are read from the router, so one added without an output fails here.
import { describe, expect, it } from "vitest";
import { appRouter } from "./root";
import { portalRouter } from "./routers/portal.router";

describe("tRPC procedures", () => {
  it.each([
    ["the admin UI's", appRouter, 50],
    ["the portal's", portalRouter, 15],
  ] as const)("%s all declare an output parser", (_, router, least) => {
    const procedures = router._def.procedures as unknown as Record<string, { _def: { output?: unknown } }>;
    expect(Object.keys(procedures).length).toBeGreaterThan(least);
    const missing = Object.entries(procedures)
      .filter(([, procedure]) => procedure._def.output === undefined)
      .map(([path]) => path);
    expect(missing).toEqual([]);
  });
});
