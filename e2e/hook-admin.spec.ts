// What a hooks admin reads and decides on a hook's page: unambiguous words for "pending", titles
// for hooks made through the API, a count before anything is sent again, and a 410's cancelled
// queue offered back when the hook is enabled again.
import { expect, test } from "@playwright/test";
import { adminApi, deleteHooksTo } from "./admin-api";
import { type HookReceiver, startHookReceiver } from "./hook-receiver";

let receiver: HookReceiver;
test.beforeEach(async () => {
  receiver = await startHookReceiver();
});
test.afterEach(async ({ page, baseURL }) => {
  await deleteHooksTo(page, baseURL, receiver.url);
  await receiver.close();
});

test("a hook made through the API is titled by where it sends, in full, in the list and on its page", async ({
  page,
  baseURL,
}) => {
  const { rest } = await adminApi(page, baseURL, "Titles");
  const path = `/integrations/crm/contacts/${Date.now().toString(36)}/inbound-webhook-endpoint`;
  const hook = await rest<{ id: string }>("POST", "/api/v1/hooks", {
    target_url: `${receiver.url}${path}`,
    event: "contact.created",
  });
  const host = new URL(receiver.url).host;

  await page.goto(`/hooks?q=${encodeURIComponent(receiver.url)}`);
  const link = page.getByRole("link", { name: `${host}/hook${path}` });
  await expect(link).toBeVisible();
  // Nothing cut off: the text fits its box.
  expect(await link.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);

  await link.click();
  await expect(page).toHaveURL(new RegExp(`/hooks/${hook.id}$`));
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`${host}/hook${path}`);
  await expect(page).toHaveTitle(new RegExp(`${host}/hook${path}`.replaceAll("/", "\\/")));
});

test("an admin's unconfirmed hook says so, and asks for the secret it showed at creation", async ({
  page,
}) => {
  receiver.handshake = "silent";
  await page.goto("/hooks/new");
  await page.getByLabel("Target URL").fill(receiver.url);
  await page.getByLabel("Name").fill(`Unconfirmed ${Date.now().toString(36)}`);
  await page.getByRole("button", { name: "Create hook" }).click();
  await expect(page.getByText("The hook is unconfirmed.")).toBeVisible();
  const secret = (await page.getByTestId("secret-value").textContent()) ?? "";
  await page.getByRole("link", { name: "Open hook" }).click();

  await expect(page.getByText("Unconfirmed", { exact: true })).toBeVisible();
  await expect(page.getByText("Pending", { exact: true })).toHaveCount(0);
  await expect(page.getByText("the signing secret shown once when the hook was created")).toBeVisible();
  await page.getByLabel("Signing secret shown when the hook was created").fill(secret);
  await page.getByRole("button", { name: "Activate" }).click();
  await expect(page.getByText("Active", { exact: true })).toBeVisible();
  await expect(page.getByTestId("hook-pending")).toContainText("Queued");
});

test("recovering failed deliveries says how many first, and sends nothing until confirmed", async ({
  page,
  baseURL,
}) => {
  test.setTimeout(90_000);
  const { rest } = await adminApi(page, baseURL, "Recover");
  receiver.mode = "fail";
  const hook = await rest<{ id: string }>("POST", "/api/v1/hooks", {
    target_url: receiver.url,
    event: "contact.created",
  });
  await rest("POST", "/api/v1/contacts", { email: `recover-${Date.now().toString(36)}@example.com` });
  // One attempt and three retries a second apart, then it fails for good.
  await expect.poll(() => receiver.deliveries.length, { timeout: 20_000 }).toBe(4);
  const statusOfFirst = async () =>
    (await rest<{ data: Array<{ status: string }> }>("GET", `/api/v1/hooks/${hook.id}/deliveries`)).data[0]
      ?.status;
  await expect.poll(statusOfFirst, { timeout: 15_000 }).toBe("failed");
  await page.goto(`/hooks/${hook.id}`);

  // The delivery's page: the newest attempt open, the three before it folded; ids and payloads copy.
  const row = page
    .getByRole("table", { name: "Delivery history" })
    .getByRole("row")
    .filter({ hasText: "failed" });
  await row.getByRole("link").first().click();
  await expect(page).toHaveURL(/\/deliveries\/msg_/);
  const attempts = page.getByTestId("attempt");
  await expect(attempts).toHaveCount(4);
  expect(await attempts.evaluateAll((all) => all.map((el) => (el as HTMLDetailsElement).open))).toEqual([
    true,
    false,
    false,
    false,
  ]);
  await expect(page.getByRole("button", { name: "Copy delivery id" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Copy event id" })).toBeVisible();
  await expect(attempts.first().getByRole("button", { name: "Copy payload" })).toBeVisible();
  await attempts.nth(3).locator("summary").click();
  await expect(attempts.nth(3).getByTestId("request-body")).toBeVisible();
  await page.goBack();

  receiver.mode = "ok";
  await page.getByRole("button", { name: "Recover failed since…" }).click();
  const dialog = page.getByRole("dialog", { name: "Send 1 failed delivery again?" });
  await expect(dialog).toBeVisible();
  await page.waitForTimeout(1500);
  expect(receiver.deliveries).toHaveLength(4);
  await dialog.getByRole("button", { name: "Send 1 delivery" }).click();
  await expect(page.getByText("1 delivery queued again.")).toBeVisible();
  await expect.poll(() => receiver.deliveries.length, { timeout: 15_000 }).toBe(5);
});

test("enabling a hook a 410 disabled offers to send the deliveries it cancelled", async ({
  page,
  baseURL,
}) => {
  test.setTimeout(90_000);
  const { rest } = await adminApi(page, baseURL, "Gone");
  receiver.mode = "gone";
  // The 410 comes late, so the contacts below are queued behind the first before it arrives.
  receiver.delayMs = 1500;
  const hook = await rest<{ id: string }>("POST", "/api/v1/hooks", {
    target_url: receiver.url,
    event: "contact.created",
    ordered: true,
    on_gone: "disable",
  });
  const stamp = Date.now().toString(36);
  for (let i = 0; i < 3; i++)
    await rest("POST", "/api/v1/contacts", { email: `gone-${i}-${stamp}@example.com` });
  await page.goto(`/hooks/${hook.id}`);
  await expect(page.getByText("Receiver answered 410 Gone")).toBeVisible({ timeout: 20_000 });
  // Ordered: the first got the 410, the two behind it were cancelled.
  expect(receiver.deliveries).toHaveLength(1);

  receiver.mode = "ok";
  receiver.delayMs = 0;
  await page.getByRole("button", { name: `Enable ${receiver.url}` }).click();
  const dialog = page.getByRole("dialog", { name: "Enable this hook?" });
  await expect(dialog.getByLabel("Also send the 2 deliveries cancelled when it was disabled")).toBeChecked();
  await dialog.getByRole("button", { name: "Enable hook" }).click();
  await expect(page.getByText("Active", { exact: true })).toBeVisible();
  await expect.poll(() => receiver.deliveries.length, { timeout: 15_000 }).toBe(3);
});
