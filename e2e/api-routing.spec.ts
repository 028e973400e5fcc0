// Every /api/v1 and /api/3 route of the built app, asked with every method: the methods it serves
// reach it (401/403 without a key, never a 405), the others get 405 with Allow in the prefix's
// JSON error shape, and paths no route serves get a JSON 404 — never Next's HTML page.
import { expect, test } from "@playwright/test";
import { API_ROUTES } from "@/server/rest/route-table";
import { E2E_METRICS_TOKEN } from "./fixtures";

const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;

function examplePath(pattern: string): string {
  return pattern.replace(/\{[^}]+\}/g, "x_1");
}

test("every route answers each method as its route file says, in JSON", async ({ request }) => {
  for (const [pattern, served] of Object.entries(API_ROUTES)) {
    const path = examplePath(pattern);
    const ac = path.startsWith("/api/3/");
    for (const method of METHODS) {
      const response = await request.fetch(path, { method, failOnStatusCode: false });
      const label = `${method} ${path}`;
      expect(response.headers()["content-type"], label).toContain("application/json");
      const body = await response.json();
      if ((served as readonly string[]).includes(method)) {
        // Served: the route ran (openapi.json needs no key, everything else asks for one).
        expect(response.status(), label).toBe(pattern === "/api/v1/openapi.json" ? 200 : ac ? 403 : 401);
      } else {
        expect(response.status(), label).toBe(405);
        expect(response.headers().allow, label).toContain(served[0]);
        if (ac) expect(body, label).toEqual({ message: expect.stringContaining(`${method} is not allowed`) });
        else expect(body.error, label).toMatchObject({ code: "method_not_allowed" });
      }
    }
  }
});

test("paths no route serves answer 404 in each prefix's JSON shape", async ({ request }) => {
  for (const path of [
    "/api/v1/nothing",
    "/api/v1/hooks/x_1/nope/deeper",
    "/api/v1",
    "/api/3/deals/1",
    "/api/3",
  ]) {
    for (const method of METHODS) {
      const response = await request.fetch(path, { method, failOnStatusCode: false });
      const label = `${method} ${path}`;
      expect(response.status(), label).toBe(404);
      expect(response.headers()["content-type"], label).toContain("application/json");
      const body = await response.json();
      if (path.startsWith("/api/3"))
        expect(body, label).toEqual({ message: expect.stringContaining("No route") });
      else expect(body.error, label).toMatchObject({ code: "not_found" });
    }
  }
});

test("every answer carries a request id: the caller's own when sensible, else a new one", async ({
  request,
}) => {
  const fresh = await request.get("/api/health");
  expect(fresh.headers()["x-request-id"]).toMatch(/^[0-9a-f-]{36}$/);
  const given = await request.get("/api/v1/hooks", {
    headers: { "x-request-id": "trace-4bf92f3577b34da6" },
    failOnStatusCode: false,
  });
  expect(given.headers()["x-request-id"]).toBe("trace-4bf92f3577b34da6");
  const insane = await request.get("/api/health", { headers: { "x-request-id": "a b\tc<script>" } });
  expect(insane.headers()["x-request-id"]).toMatch(/^[0-9a-f-]{36}$/);
});

test("GET /api/metrics answers Prometheus's format to the token holder only", async ({ request }) => {
  const refused = await request.get("/api/metrics", { failOnStatusCode: false });
  expect(refused.status()).toBe(401);
  expect((await refused.json()).error.code).toBe("unauthorized");
  const scraped = await request.get("/api/metrics", {
    headers: { authorization: `Bearer ${E2E_METRICS_TOKEN}` },
  });
  expect(scraped.headers()["content-type"]).toContain("text/plain; version=0.0.4");
  const text = await scraped.text();
  expect(text).toMatch(/^hookline_deliveries_due \d+$/m);
  expect(text).toMatch(/^hookline_deliveries_total\{outcome="delivered"\} \d+$/m);
  expect(text).toContain("# TYPE hookline_attempt_duration_seconds histogram");
});
