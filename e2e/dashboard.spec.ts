// The dashboard against what the database holds: deliveries made through the REST API to a real
// receiver (some delivered, one retried until it gives up) show up in its figures by themselves.
import { expect, type Page, test } from "@playwright/test";
import { type HookReceiver, startHookReceiver } from "./hook-receiver";

let receiver: HookReceiver;
test.beforeAll(async () => {
  receiver = await startHookReceiver();
});
test.afterAll(async () => {
  await receiver.close();
});

/** Hooks of a status, counted page by page through the admin's own list (tRPC, signed in). */
async function countHooks(page: Page, status: "active" | "pending" | "disabled"): Promise<number> {
  let total = 0;
  let cursor: string | null = null;
  do {
    const input = encodeURIComponent(JSON.stringify({ status, limit: 100, ...(cursor ? { cursor } : {}) }));
    const answer = await page.request.get(`/api/trpc/hook.list?input=${input}`);
    expect(answer.status()).toBe(200);
    const body = (await answer.json()) as {
      result: { data: { data: unknown[]; next_cursor: string | null } };
    };
    total += body.result.data.data.length;
    cursor = body.result.data.next_cursor;
  } while (cursor);
  return total;
}

const figure = async (page: Page, testId: string) =>
  Number(((await page.getByTestId(testId).textContent()) ?? "").replace(/[^0-9]/g, ""));

test("the dashboard shows the deliveries, failures, hooks and queue the database holds", async ({
  page,
  request,
}) => {
  test.setTimeout(90_000);
  const stamp = Date.now().toString(36);

  // An integrator: an API key, and a hook it subscribes through the REST API.
  await page.goto("/api-keys");
  await page.getByLabel("New key name").fill(`Dashboard ${stamp}`);
  await page.getByRole("button", { name: "Create key" }).click();
  const key = ((await page.getByTestId("new-api-key").textContent()) ?? "").trim();
  const auth = { Authorization: `Bearer ${key}` };
  const hook = await request.post("/api/v1/hooks", {
    headers: auth,
    data: { target_url: receiver.url, event: "contact.created", name: `Dashboard ${stamp}` },
  });
  expect(hook.status()).toBe(201);
  const hookId = ((await hook.json()) as { id: string }).id;

  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1, name: "Dashboard" })).toBeVisible();
  const before = {
    attempts: await figure(page, "stat-deliveries-value"),
    delivered: await figure(page, "stat-delivered"),
    failed: await figure(page, "stat-failed"),
  };

  // Two delivered, then one the receiver refuses until the delivery gives up (4 attempts).
  for (const n of [1, 2]) {
    const created = await request.post("/api/v1/contacts", {
      headers: auth,
      data: { email: `dash-${n}-${stamp}@example.com` },
    });
    expect(created.status()).toBe(201);
  }
  await expect.poll(() => receiver.deliveries.length, { timeout: 15_000 }).toBe(2);
  receiver.mode = "fail";
  await request.post("/api/v1/contacts", { headers: auth, data: { email: `dash-3-${stamp}@example.com` } });
  await expect.poll(() => receiver.deliveries.length, { timeout: 20_000 }).toBe(6);

  // What the database holds for this hook, through the API: 3 deliveries, 6 attempts, 1 failed.
  await expect
    .poll(
      async () => {
        const list = await request.get(`/api/v1/hooks/${hookId}/deliveries`, { headers: auth });
        const body = (await list.json()) as { data: Array<{ status: string; attempt_count: number }> };
        return body.data.map((d) => `${d.status}:${d.attempt_count}`).sort();
      },
      { timeout: 15_000 },
    )
    .toEqual(["delivered:1", "delivered:1", "failed:4"]);

  // The page refreshes by itself: no reload.
  await expect
    .poll(async () => (await figure(page, "stat-deliveries-value")) - before.attempts, { timeout: 20_000 })
    .toBe(6);
  expect((await figure(page, "stat-delivered")) - before.delivered).toBe(2);
  expect((await figure(page, "stat-failed")) - before.failed).toBe(4);
  await expect(page.getByTestId("stat-success-rate")).toContainText("%");
  await expect(page.getByTestId("stat-latency")).toContainText("ms");
  await expect(page.getByRole("img", { name: /per minute over the last hour/ }).first()).toBeVisible();
  await expect(page.getByRole("img", { name: /by source/ })).toBeVisible();
  // Hooks by status, as the list holds them.
  await expect(page.getByTestId("stat-hooks-value")).toHaveText(String(await countHooks(page, "active")));
  await expect(page.getByTestId("hooks-disabled")).toHaveText(String(await countHooks(page, "disabled")));
  // Nothing of this hook is left in the queue.
  await expect(page.getByTestId("queue-due")).toHaveText("0");
  await page.screenshot({ path: "docs/screenshots/dashboard.png", fullPage: true });

  const removed = await request.delete(`/api/v1/hooks/${hookId}`, { headers: auth });
  expect(removed.status()).toBe(204);
});

test("chart legends read at 4.5:1 or better on their white cards", async ({ page }) => {
  await page.goto("/");
  const legends = page.locator(".recharts-legend-item-text");
  await expect(legends.first()).toBeVisible();
  const ratios = await legends.evaluateAll((items) => {
    const luminance = (css: string) => {
      const [r = 0, g = 0, b = 0] = (css.match(/\d+(\.\d+)?/g) ?? []).map(Number);
      const linear = (c: number) => {
        const s = c / 255;
        return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
      };
      return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
    };
    // The cards are white (luminance 1).
    return items.map((item) => {
      const text = item.querySelector("span") ?? item;
      return { name: item.textContent, ratio: 1.05 / (luminance(getComputedStyle(text).color) + 0.05) };
    });
  });
  expect(ratios.length).toBeGreaterThan(3);
  for (const { name, ratio } of ratios) expect(ratio, `legend "${name}"`).toBeGreaterThanOrEqual(4.5);
});
