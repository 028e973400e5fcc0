// The delivery log across hooks, as an admin meets it: failures to a real receiver appear, the
// filters narrow them (and live in the address), the failures a filter matches are counted, the
// count is confirmed, and they are sent again — to a receiver that now answers 200.
import { expect, test } from "@playwright/test";
import { adminApi, deleteHooksTo } from "./admin-api";
import { type HookReceiver, startHookReceiver } from "./hook-receiver";

let failing: HookReceiver;
let healthy: HookReceiver;
test.beforeEach(async () => {
  failing = await startHookReceiver();
  healthy = await startHookReceiver();
});
test.afterEach(async ({ page, baseURL }) => {
  await deleteHooksTo(page, baseURL, failing.url);
  await deleteHooksTo(page, baseURL, healthy.url);
  await Promise.all([failing.close(), healthy.close()]);
});

test("failures appear in the log, filter by hook and status, and are redelivered in bulk after a confirmed count", async ({
  page,
  baseURL,
}) => {
  test.setTimeout(120_000);
  const { rest } = await adminApi(page, baseURL, "Delivery log");
  const stamp = Date.now().toString(36);
  failing.mode = "fail";
  const bad = await rest<{ id: string }>("POST", "/api/v1/hooks", {
    target_url: failing.url,
    event: "contact.created",
    name: `Failing ${stamp}`,
  });
  const good = await rest<{ id: string }>("POST", "/api/v1/hooks", {
    target_url: healthy.url,
    event: "contact.created",
    name: `Healthy ${stamp}`,
  });
  const contact = await rest<{ id: string }>("POST", "/api/v1/contacts", {
    email: `log-a-${stamp}@example.com`,
  });
  await rest("POST", "/api/v1/contacts", { email: `log-b-${stamp}@example.com` });

  await page.goto("/");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Deliveries" }).click();
  await expect(page).toHaveURL(/\/deliveries$/);
  await expect(page.getByRole("heading", { level: 1, name: "Deliveries" })).toBeVisible();

  // Filtered to the failing hook: its two deliveries, retried 1 s apart in e2e until they fail.
  await page.getByLabel("Hook", { exact: true }).fill(bad.id);
  await expect(page).toHaveURL(new RegExp(`[?&]hook=${bad.id}`));
  const table = page.getByRole("table", { name: "Deliveries" });
  const rows = table.getByRole("row").filter({ hasText: "contact.created" });
  await expect(async () => {
    await page.reload();
    // The page back (however long that takes on a loaded machine), then a short look at its rows.
    await expect(table).toBeVisible();
    await expect(rows.filter({ hasText: "failed" })).toHaveCount(2, { timeout: 1_000 });
  }).toPass({ timeout: 30_000 });
  await expect(rows.first()).toContainText("500");
  await expect(rows.first().getByRole("link", { name: `Failing ${stamp}` })).toHaveAttribute(
    "href",
    `/hooks/${bad.id}`,
  );
  await expect(rows.first().getByRole("link", { name: /^msg_/ })).toHaveAttribute(
    "href",
    new RegExp(`^/hooks/${bad.id}/deliveries/msg_[0-9A-Za-z]+$`),
  );
  // The contact is named by its email, as the events list does, and links to its page.
  await expect(table.getByRole("link", { name: `log-a-${stamp}@example.com` })).toHaveAttribute(
    "href",
    `/contacts/${contact.id}`,
  );

  // The address carries the filters: a reload (or a shared link) shows the same view.
  await page.getByLabel("Status", { exact: true }).selectOption("failed");
  await expect(page).toHaveURL(/[?&]status=failed/);
  await page.reload();
  await expect(page.getByLabel("Status", { exact: true })).toHaveValue("failed");
  await expect(page.getByLabel("Hook", { exact: true })).toHaveValue(bad.id);
  await expect(rows).toHaveCount(2);

  // The healthy hook's deliveries are delivered, and a status filter leaves them out.
  await page.getByLabel("Hook", { exact: true }).fill(good.id);
  await expect(page).toHaveURL(new RegExp(`status=failed&hook=${good.id}`));
  await expect(table.getByText("No deliveries match")).toBeVisible();
  await page.getByLabel("Status", { exact: true }).selectOption("delivered");
  await expect(page).toHaveURL(new RegExp(`status=delivered&hook=${good.id}`));
  await expect(rows.filter({ hasText: `Healthy ${stamp}` })).toHaveCount(2);
  await page.screenshot({ path: "test-results/deliveries-delivered.png", fullPage: true });

  // Back to the failing hook's failures; the receiver recovers; they are counted, confirmed, sent.
  await page.getByLabel("Hook", { exact: true }).fill(bad.id);
  await page.getByLabel("Status", { exact: true }).selectOption("failed");
  await expect(page).toHaveURL(new RegExp(`status=failed&hook=${bad.id}`));
  await expect(rows.filter({ hasText: `Failing ${stamp}` })).toHaveCount(2);
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.screenshot({ path: "docs/screenshots/deliveries.png", fullPage: true });
  failing.mode = "ok";
  const before = failing.deliveries.length;
  await page.getByRole("button", { name: "Redeliver failed…" }).click();
  const dialog = page.getByRole("dialog", { name: "Redeliver 2 failed deliveries?" });
  await expect(dialog).toBeVisible();
  await page.screenshot({ path: "test-results/deliveries-confirm.png" });
  await dialog.getByRole("button", { name: "Redeliver 2 deliveries" }).click();
  await expect(page.getByText("2 deliveries queued again.")).toBeVisible();
  await expect.poll(() => failing.deliveries.length - before, { timeout: 15_000 }).toBe(2);
  const ids = failing.deliveries.slice(before).map((request) => String(request.headers["webhook-id"]));
  expect(new Set(ids).size).toBe(2);

  await page.getByLabel("Status", { exact: true }).selectOption("delivered");
  await expect(page).toHaveURL(/[?&]status=delivered/);
  await expect(async () => {
    await page.reload();
    // The page back (however long that takes on a loaded machine), then a short look at its rows.
    await expect(table).toBeVisible();
    await expect(rows.filter({ hasText: "delivered" })).toHaveCount(2, { timeout: 1_000 });
  }).toPass({ timeout: 20_000 });
  for (const id of ids) await expect(table.getByRole("link", { name: id })).toBeVisible();

  // Nothing left to send again: said so, and no dialog.
  await page.getByLabel("Status", { exact: true }).selectOption("failed");
  await page.getByRole("button", { name: "Redeliver failed…" }).click();
  await expect(page.getByText("No failed deliveries match these filters.")).toBeVisible();

  // From the contact's page, what was sent about it: both hooks' deliveries, and no one else's.
  await page.goto(`/contacts/${contact.id}`);
  await page.getByRole("link", { name: "Deliveries about this contact" }).click();
  await expect(page).toHaveURL(new RegExp(`/deliveries\\?contact=${contact.id}$`));
  await expect(page.getByLabel("Contact", { exact: true })).toHaveValue(contact.id);
  await expect(rows).toHaveCount(2);
  await expect(rows.filter({ hasText: `log-a-${stamp}@example.com` })).toHaveCount(2);
  // The filter takes a contact's email too, in any case.
  await page.getByLabel("Contact", { exact: true }).fill(`LOG-B-${stamp}@example.com`);
  await expect(rows.filter({ hasText: `log-b-${stamp}@example.com` })).toHaveCount(2);
  await expect(rows.filter({ hasText: `log-a-${stamp}@example.com` })).toHaveCount(0);

  // On a phone the filters stack and the table scrolls sideways.
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: "test-results/deliveries-phone.png", fullPage: true });
});

test("a bad filter in the address gets a clear message and changes nothing", async ({ page }) => {
  await page.goto("/deliveries?from=2026-12-02T10:00&to=2026-12-01T10:00");
  await expect(page.getByText("The time range ends before it starts.")).toBeVisible();
  await page.getByRole("button", { name: "Redeliver failed…" }).click();
  await expect(page.getByText("The time range ends before it starts.").nth(1)).toBeVisible();
  await expect(page.getByRole("dialog")).toHaveCount(0);
});
