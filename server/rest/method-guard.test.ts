// The API's 405s, which Hookline's server answers before Next.js: the route table they come from
// must be exactly the route files on disk (every method each exports), and a known path asked with
// another method answers 405 with Allow, in the prefix's own error shape.
import { readdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { methodNotAllowed } from "./method-guard";
import { API_ROUTES } from "./route-table";

const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
const APP_API = path.resolve(import.meta.dirname, "../../app/api");

/** Every route.ts under app/api/v1 and app/api/3 (catch-alls aside), as [file, /api/… pattern]. */
function routeFiles(dir: string): Array<[string, string]> {
  const found: Array<[string, string]> = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory() && !entry.name.includes("[...")) found.push(...routeFiles(full));
    else if (entry.name === "route.ts") {
      const segments = path.relative(APP_API, dir).split(path.sep);
      found.push([full, `/api/${segments.map((s) => s.replace(/^\[(.+)\]$/, "{$1}")).join("/")}`]);
    }
  }
  return found;
}

describe("the route table", () => {
  const files = [...routeFiles(path.join(APP_API, "v1")), ...routeFiles(path.join(APP_API, "3"))];

  it("lists every route file under /api/v1 and /api/3, and nothing else", () => {
    expect(Object.keys(API_ROUTES).sort()).toEqual(files.map(([, pattern]) => pattern).sort());
  });

  it.each(files)("%s: lists exactly the methods the file exports", async (file, pattern) => {
    const module = (await import(file)) as Record<string, unknown>;
    const exported = METHODS.filter((method) => typeof module[method] === "function");
    expect([...(API_ROUTES[pattern as keyof typeof API_ROUTES] ?? [])].sort()).toEqual(exported.sort());
  });
});

describe("methodNotAllowed", () => {
  const ask = (method: string, pathname: string) => methodNotAllowed(method, pathname);

  it("lets served methods, HEAD where GET is served, OPTIONS, and unknown paths through", () => {
    expect(ask("GET", "/api/v1/hooks")).toBeNull();
    expect(ask("POST", "/api/v1/hooks")).toBeNull();
    expect(ask("HEAD", "/api/v1/hooks/hook_1/deliveries")).toBeNull();
    expect(ask("OPTIONS", "/api/v1/hooks/hook_1/ping")).toBeNull();
    expect(ask("DELETE", "/api/3/contactTags/ctc_1%3Avip")).toBeNull();
    // Unknown paths are the catch-all route's (404).
    expect(ask("PUT", "/api/v1/nothing/here")).toBeNull();
    expect(ask("GET", "/api/v1/hooks/hook_1/nope")).toBeNull();
    expect(ask("GET", "/api/v1//hooks")).toBeNull();
  });

  it("answers /api/v1's envelope: 405 method_not_allowed with Allow", async () => {
    const response = ask("DELETE", "/api/v1/hooks/hook_1/ping");
    expect(response?.status).toBe(405);
    expect(response?.headers.get("allow")).toBe("POST, OPTIONS");
    expect(response?.headers.get("content-type")).toBe("application/json; charset=utf-8");
    expect(await response?.json()).toEqual({
      error: {
        code: "method_not_allowed",
        message: "DELETE is not allowed on /api/v1/hooks/hook_1/ping; it answers POST.",
      },
    });
    expect(ask("PUT", "/api/v1/hooks")?.headers.get("allow")).toBe("GET, HEAD, POST, OPTIONS");
    expect(ask("HEAD", "/api/v1/hooks/hook_1/ping")?.status).toBe(405);
    expect(ask("PROPFIND", "/api/v1/events")?.status).toBe(405);
  });

  it("answers /api/3 in ActiveCampaign's {message}", async () => {
    const response = ask("POST", "/api/3/webhook/events");
    expect(response?.status).toBe(405);
    expect(response?.headers.get("allow")).toBe("GET, HEAD, OPTIONS");
    expect(await response?.json()).toEqual({
      message: "POST is not allowed on /api/3/webhook/events; it answers GET.",
    });
  });
});
