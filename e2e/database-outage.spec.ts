// PostgreSQL going away under a running Hookline and coming back: every kind of request answers
// 503 `unavailable` with Retry-After (pages a friendly state), the log says it once when it goes
// and once when it is back, and everything works again by itself.
import { expect, test } from "@playwright/test";
import { openDatabase } from "@/db";
import { createApiKey } from "@/server/auth/api-key.service";
import { type HooklineProcess, startHookline } from "./support/hookline-process";
import { type PrivatePostgres, startPrivatePostgres } from "./support/private-postgres";

let postgres: PrivatePostgres;
let hookline: HooklineProcess;
let apiKey: string;

test.beforeAll(async () => {
  postgres = await startPrivatePostgres();
  hookline = await startHookline({ DATABASE_URL: postgres.url });
  const opened = await openDatabase({ url: postgres.url, poolSize: 1 });
  try {
    apiKey = (await createApiKey(opened.db, { name: "outage", createdBy: null })).secret;
  } finally {
    await opened.close();
  }
});
test.afterAll(async () => {
  await hookline?.dispose();
  postgres?.remove();
});

test("a database outage answers 503 and is logged twice, then heals by itself", async ({ page }) => {
  test.setTimeout(120_000);
  const api = (path: string, init: RequestInit = {}) =>
    fetch(`${hookline.url}${path}`, {
      ...init,
      headers: { authorization: `Bearer ${apiKey}`, "content-type": "application/json", ...init.headers },
    });
  expect((await api("/api/v1/contacts")).status).toBe(200);
  const logBefore = hookline.output().length;

  postgres.stop();
  const expectUnavailable = async (response: Response, envelope: "rest" | "trpc" | "health") => {
    expect(response.status, `${response.url}`).toBe(503);
    expect(Number(response.headers.get("retry-after"))).toBeGreaterThan(0);
    const body = (await response.json()) as Record<string, { code?: string; data?: { appCode?: string } }>;
    if (envelope === "trpc") expect(body.error?.data?.appCode).toBe("unavailable");
    else expect(body.error?.code).toBe("unavailable");
  };
  // Many requests of every kind, for a few seconds, as traffic would keep coming.
  const until = Date.now() + 4000;
  while (Date.now() < until) {
    await expectUnavailable(await api("/api/v1/contacts"), "rest");
    await expectUnavailable(
      await api("/api/v1/contacts", { method: "POST", body: JSON.stringify({ email: "a@example.com" }) }),
      "rest",
    );
    await expectUnavailable(await fetch(`${hookline.url}/api/trpc/auth.status`), "trpc");
    await expectUnavailable(
      await fetch(`${hookline.url}/api/public/subscribe`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ email: "b@example.com" }),
      }),
      "rest",
    );
    await expectUnavailable(await fetch(`${hookline.url}/api/health`), "health");
  }
  // A page says so, in words, rather than crashing.
  const answer = await page.goto(`${hookline.url}/setup`);
  expect(answer?.status()).toBe(503);
  await expect(page.getByRole("heading", { name: "Hookline is temporarily unavailable" })).toBeVisible();

  postgres.start();
  await expect
    .poll(async () => (await fetch(`${hookline.url}/api/health`)).status, { timeout: 20_000 })
    .toBe(200);
  expect((await api("/api/v1/contacts")).status).toBe(200);
  // The page comes back by itself (it reloads every few seconds).
  await expect(page.getByRole("heading", { name: "Welcome to Hookline" })).toBeVisible({ timeout: 15_000 });

  const log = hookline.output().slice(logBefore);
  expect(log.match(/the database is unreachable/g)).toHaveLength(1);
  expect(log.match(/the database is back after/g)).toHaveLength(1);
  // No stack trace per request: none at all.
  expect(log).not.toMatch(/^\s+at /m);
});
