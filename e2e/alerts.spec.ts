// Alerts as an admin meets them: the failing hooks on the dashboard, the unread count in the
// navigation and the notification list (mark read), and the alert URL in Settings — refused when
// bad, and posting {"text": …} to a real receiver when a hook is disabled.
import { expect, test } from "@playwright/test";
import { adminApi, deleteHooksTo } from "./admin-api";
import { type HookReceiver, startHookReceiver } from "./hook-receiver";

let chat: HookReceiver;
let target: HookReceiver;
test.beforeEach(async () => {
  chat = await startHookReceiver();
  target = await startHookReceiver();
});
test.afterEach(async ({ page, baseURL }) => {
  await deleteHooksTo(page, baseURL, target.url);
  await deleteHooksTo(page, baseURL, chat.url);
  await Promise.all([chat.close(), target.close()]);
});

test("a failing hook shows on the dashboard with its last answer", async ({ page, baseURL }) => {
  const { rest } = await adminApi(page, baseURL, "Failing");
  const name = `Failing ${Date.now().toString(36)}`;
  await rest("POST", "/api/v1/hooks", { target_url: target.url, event: "contact.created", name });
  target.mode = "fail";
  await rest("POST", "/api/v1/contacts", { email: `failing-${Date.now().toString(36)}@example.com` });

  await page.goto("/");
  const panel = page.getByRole("list", { name: "Failing hooks" });
  const row = panel.getByRole("listitem").filter({ hasText: name });
  await expect(row).toBeVisible({ timeout: 20_000 });
  await expect(row).toContainText("HTTP 500");
  await expect(row).toContainText("failing since");
  await page.screenshot({ path: "test-results/alerts-dashboard.png", fullPage: true });
});

test("the alert URL refuses bad input, then gets a chat message when a hook is disabled; the notification is unread until marked read", async ({
  page,
  baseURL,
}) => {
  await page.goto("/settings");
  const field = page.getByLabel("Alert URL");
  const save = page.getByRole("button", { name: "Save alert URL" });
  await field.fill("not a url");
  await save.click();
  await expect(page.getByText("The alert URL is not a valid absolute URL.")).toBeVisible();
  await field.fill("http://10.0.0.7/hook");
  await save.click();
  await expect(page.getByText(/which Hookline does not send to/)).toBeVisible();
  await expect(page.getByRole("link", { name: "its delivery history" })).toHaveCount(0);

  await field.fill(chat.url);
  await save.click();
  await expect(page.getByText("Saved.")).toBeVisible();
  await expect(page.getByRole("link", { name: "its delivery history" })).toBeVisible();
  await page.screenshot({ path: "test-results/alerts-settings.png", fullPage: true });

  // Two hooks disabled: two notifications of this spec's own, whatever other specs left.
  const { rest } = await adminApi(page, baseURL, "Alerted");
  const stamp = Date.now().toString(36);
  const [name, other] = [`Alerted ${stamp}`, `Also alerted ${stamp}`];
  const hook = await rest<{ id: string }>("POST", "/api/v1/hooks", {
    target_url: target.url,
    event: "contact.created",
    name,
  });
  const otherHook = await rest<{ id: string }>("POST", "/api/v1/hooks", {
    target_url: target.url,
    event: "contact.created",
    name: other,
  });
  await rest("PATCH", `/api/v1/hooks/${hook.id}`, { status: "disabled" });
  await rest("PATCH", `/api/v1/hooks/${otherHook.id}`, { status: "disabled" });

  const expected = `Hook "${name}" (${target.url}) was disabled: its API key turned it off. ${baseURL}/hooks/${hook.id}`;
  await expect
    .poll(() => chat.deliveries.map((d) => d.body), { timeout: 20_000 })
    .toContain(JSON.stringify({ text: expected }));

  await page.goto("/notifications");
  const badge = page.getByRole("navigation", { name: "Main" }).getByTestId("unread-count");
  const item = page.getByRole("listitem").filter({ hasText: `Hook "${name}"` });
  await expect(item).toContainText("Unread");
  // Other specs' hooks may have given up meanwhile: count relative to what is shown now.
  await expect(badge).toHaveText(/\d+$/);
  const unread = Number((await badge.textContent())?.match(/(\d+)$/)?.[1]);
  expect(unread).toBeGreaterThanOrEqual(2);
  await page.screenshot({ path: "test-results/alerts-notifications.png", fullPage: true });
  await item.getByRole("button", { name: "Mark read" }).click();
  await expect(item).not.toContainText("Unread");
  await expect(badge).toHaveText(new RegExp(`\\b${unread - 1}$`));
  await page.getByRole("button", { name: "Mark all read" }).click();
  await expect(badge).toHaveCount(0);
  await expect(page.getByText("Unread", { exact: true })).toHaveCount(0);

  // The alert URL's own history is a hook page like any other.
  await page.goto("/settings");
  await page.getByRole("link", { name: "its delivery history" }).click();
  await expect(page.getByText('Chat text body ({"text": …})')).toBeVisible();
  await expect(page.getByRole("table").getByText("hook.disabled").first()).toBeVisible();
  await page.screenshot({ path: "test-results/alerts-history.png", fullPage: true });

  await page.goto("/settings");
  await page.getByLabel("Alert URL").fill("");
  await page.getByRole("button", { name: "Save alert URL" }).click();
  await expect(page.getByText("Removed: no alert URL.")).toBeVisible();
});
