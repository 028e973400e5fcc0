// An admin's whole life with a hook, against a real receiver: create it from the UI (intent
// verification included), watch deliveries arrive live, read what was sent and answered, see a
// failing receiver retried, redeliver, rotate the secret, disable and delete.
import { expect, type Page, test } from "@playwright/test";
import { Webhook } from "standardwebhooks";
import { ADMIN } from "./fixtures";
import { type HookReceiver, startHookReceiver } from "./hook-receiver";

let receiver: HookReceiver;
test.beforeAll(async () => {
  receiver = await startHookReceiver();
});
test.afterAll(async () => {
  await receiver.close();
});

async function createContact(page: Page, email: string) {
  await page.goto("/contacts/new");
  await page.getByLabel("Email").fill(email);
  await page.getByRole("button", { name: "Create contact" }).click();
  await expect(page).toHaveURL(/\/contacts\/ctc_[0-9A-Za-z]+$/);
}

function verify(secret: string, request: HookReceiver["deliveries"][number]) {
  const headers = Object.fromEntries(
    Object.entries(request.headers).map(([name, value]) => [name, String(value)]),
  );
  return new Webhook(secret).verify(request.body, headers);
}

test("an admin creates a hook, watches its deliveries live, retries, redelivers, rotates, disables and deletes it", async ({
  page,
  context,
}) => {
  test.setTimeout(120_000);
  const stamp = Date.now().toString(36);
  const name = `E2E receiver ${stamp}`;

  // A refused handshake stores nothing and says why.
  await page.goto("/hooks/new");
  await page.getByRole("button", { name: "Create hook" }).click();
  await expect(page.getByText("Give the URL that receives the deliveries.")).toBeVisible();
  receiver.handshake = "refuse";
  await page.getByLabel("Target URL").fill(receiver.url);
  await page.getByLabel("Name").fill(name);
  await page.getByRole("button", { name: "Create hook" }).click();
  await expect(page.getByTestId("create-refused")).toContainText("did not get a 2xx answer");

  // The receiver echoes X-Hook-Secret: the hook is active at once, and its secret is shown once.
  receiver.handshake = "echo";
  await page.getByRole("button", { name: "Create hook" }).click();
  await expect(page.getByText("The hook is active.")).toBeVisible();
  const secret = (await page.getByTestId("secret-value").textContent()) ?? "";
  expect(secret).toMatch(/^whsec_[A-Za-z0-9+/=]{40,}$/);
  await expect(page.getByRole("button", { name: "Copy secret" })).toBeVisible();
  await page.getByRole("link", { name: "Open hook" }).click();
  await expect(page).toHaveURL(/\/hooks\/hook_[0-9A-Za-z]+$/);
  const hookUrl = page.url();
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  await expect(page.getByText("No deliveries yet")).toBeVisible();

  // A contact created in another tab shows up in this page's history without a reload.
  const other = await context.newPage();
  const first = `hook-one-${stamp}@example.com`;
  await createContact(other, first);
  const history = page.getByRole("table", { name: "Delivery history" });
  const firstRow = history.getByRole("row").filter({ hasText: "contact.created" });
  await expect(firstRow).toHaveCount(1, { timeout: 15_000 });
  await expect(firstRow).toContainText("delivered", { timeout: 15_000 });
  await expect(firstRow).toContainText("200");
  await expect(firstRow.getByRole("link", { name: "contact.created" })).toHaveAttribute(
    "href",
    /^\/events\/evt_[0-9A-Za-z]+$/,
  );
  expect(page.url()).toBe(hookUrl);
  const delivered = receiver.deliveries.find((request) => request.json?.data?.email === first);
  expect(delivered).toBeDefined();
  expect(() => verify(secret, delivered as HookReceiver["deliveries"][number])).not.toThrow();

  // The delivery's page shows exactly what was sent and answered.
  await firstRow.getByRole("link").first().click();
  await expect(page).toHaveURL(/\/deliveries\/msg_[0-9A-Za-z]+$/);
  await expect(page.getByRole("heading", { level: 1, name: "contact.created" })).toBeVisible();
  const attempt = page.getByTestId("attempt");
  await expect(attempt).toHaveCount(1);
  await expect(attempt.getByTestId("request-body")).toContainText(`"email": "${first}"`);
  await expect(attempt.getByTestId("response-body")).toContainText('"received": true');
  await expect(attempt).toContainText("webhook-signature");
  await expect(attempt).toContainText(String(delivered?.headers["webhook-id"]));
  await expect(page.getByRole("button", { name: "Copy as curl" }).first()).toBeVisible();
  await page.screenshot({ path: "docs/screenshots/delivery-detail.png", fullPage: true });

  // Its event's page says where that change went: this hook's delivery among the others.
  const deliveryUrl = page.url();
  await page.getByRole("link", { name: /^evt_/ }).click();
  await expect(page).toHaveURL(/\/events\/evt_[0-9A-Za-z]+$/);
  await expect(page.getByRole("heading", { level: 1, name: "contact.created" })).toBeVisible();
  await expect(page.getByTestId("event-contact")).toHaveText(first);
  await expect(page.getByTestId("event-payload")).toContainText(`"email": "${first}"`);
  const toThisHook = page
    .getByRole("table", { name: "Deliveries of this event" })
    .getByRole("row")
    .filter({ hasText: name });
  await expect(toThisHook).toContainText("delivered");
  await expect(toThisHook).toContainText("200");
  await page.screenshot({ path: "docs/screenshots/event-detail.png", fullPage: true });
  await toThisHook.click();
  await expect(page).toHaveURL(deliveryUrl);

  // The receiver starts failing: the next delivery is retried (1 s apart in e2e) until it gives up.
  receiver.mode = "fail";
  await page.goto(hookUrl);
  const second = `hook-two-${stamp}@example.com`;
  await createContact(other, second);
  const secondRow = history.getByRole("row").filter({ hasText: "contact.created" }).first();
  await expect(history.getByRole("row").filter({ hasText: "contact.created" })).toHaveCount(2, {
    timeout: 15_000,
  });
  await expect(secondRow).toContainText("500", { timeout: 15_000 });
  await secondRow.getByRole("link").first().click();
  const attempts = page.getByTestId("delivery-attempts");
  await expect(attempts).not.toHaveText("0", { timeout: 15_000 });
  await expect(async () => {
    expect(Number(await attempts.textContent())).toBeGreaterThanOrEqual(2);
  }).toPass({ timeout: 15_000 });
  await expect(page.getByTestId("delivery-status")).toHaveText("failed", { timeout: 20_000 });
  await expect(attempts).toHaveText("4");
  await expect(page.getByTestId("attempt")).toHaveCount(4);
  await expect(page.getByTestId("attempt").first().getByTestId("response-body")).toContainText(
    "receiver is down",
  );

  // Fixed receiver, redeliver: a fifth attempt, delivered, with the same webhook-id.
  receiver.mode = "ok";
  await page.getByRole("button", { name: "Redeliver" }).click();
  await expect(page.getByTestId("delivery-status")).toHaveText("delivered", { timeout: 15_000 });
  await expect(attempts).toHaveText("5");
  const tries = receiver.deliveries.filter((request) => request.json?.data?.email === second);
  expect(tries).toHaveLength(5);
  expect(new Set(tries.map((request) => request.headers["webhook-id"])).size).toBe(1);

  // Rotate: the new secret is shown once, and the next delivery verifies with it.
  await page.goto(hookUrl);
  await page.getByRole("button", { name: "Rotate secret" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Rotate secret" }).click();
  await expect(page.getByText("New signing secret")).toBeVisible();
  const rotated = (await page.getByTestId("secret-value").textContent()) ?? "";
  expect(rotated).toMatch(/^whsec_/);
  expect(rotated).not.toBe(secret);
  const before = receiver.deliveries.length;
  await page.getByRole("button", { name: "Ping" }).click();
  await expect(page.getByText(/Ping queued as msg_/)).toBeVisible();
  await expect(history.getByRole("row").filter({ hasText: "hook.ping" })).toContainText("delivered", {
    timeout: 15_000,
  });
  const ping = receiver.deliveries.slice(before).find((request) => request.json?.type === "hook.ping");
  expect(ping).toBeDefined();
  expect(() => verify(rotated, ping as HookReceiver["deliveries"][number])).not.toThrow();
  // The old secret keeps signing for 24 hours, alongside the new one.
  expect(() => verify(secret, ping as HookReceiver["deliveries"][number])).not.toThrow();

  // History filters: by event type and by status.
  await page.getByLabel("Event type").selectOption("hook.ping");
  await expect(history.getByRole("row").filter({ hasText: "contact.created" })).toHaveCount(0);
  await expect(history.getByRole("row").filter({ hasText: "hook.ping" })).toHaveCount(1);
  await page.getByLabel("Event type").selectOption("");
  await page.getByLabel("Status", { exact: true }).selectOption("cancelled");
  await expect(page.getByText("No deliveries match")).toBeVisible();
  await page.getByLabel("Status", { exact: true }).selectOption("");
  await expect(page.getByRole("img", { name: /Delivered and failed attempts/ })).toBeVisible();
  await page.screenshot({ path: "docs/screenshots/hook-detail.png", fullPage: true });

  // The hooks page: found by a prefix of its target, with owner, events, health and pending count.
  await page.goto("/hooks");
  await page.getByLabel("Search").fill(receiver.url.replace("http://", ""));
  const row = page.getByRole("row").filter({ hasText: name });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText("admin@example.com");
  await expect(row).toContainText("All events");
  await expect(row).toContainText("Active");
  await expect(row).toContainText("200");
  await expect(row.getByTestId("pending-count")).toHaveText("0 queued");
  await expect(row.getByTestId("success-rate")).toContainText("%");
  await page.getByLabel("Status").selectOption("disabled");
  await expect(page.getByText("No hooks match")).toBeVisible();
  await page.getByLabel("Status").selectOption("");
  await page.getByLabel("Event").selectOption("contact.tag_added");
  await expect(row).toHaveCount(1);
  await page.getByLabel("Event").selectOption("");
  await page.getByLabel("Search").fill("");
  await page.screenshot({ path: "docs/screenshots/hooks.png", fullPage: true });
  await page.getByLabel("Search").fill(receiver.url.replace("http://", ""));

  // Disable from the list; the dashboard lists it among recently disabled hooks.
  await row.getByRole("button", { name: `Disable ${name}` }).click();
  await expect(row).toContainText("Disabled");
  await expect(row).toContainText("Disabled by an admin");
  await page.goto("/");
  const disabledList = page.getByRole("list", { name: "Recently disabled hooks" });
  await expect(disabledList.getByRole("listitem").filter({ hasText: name })).toContainText(
    "Disabled by an admin",
  );

  // The ping and the redelivery are on record, under their hook (the audit page's family filter).
  const hookId = new URL(hookUrl).pathname.split("/").at(-1) ?? "";
  await page.goto(`/audit?kind=deliveries.&object=${hookId}`);
  await expect(page.getByLabel("What")).toHaveValue("deliveries.");
  for (const kind of ["deliveries.ping_sent", "deliveries.redelivered_one"]) {
    const entry = page.getByRole("row").filter({ hasText: kind });
    await expect(entry).toContainText(ADMIN.email);
    await expect(entry).toContainText("hook's deliveries");
    await expect(entry.getByRole("link", { name: hookId })).toHaveAttribute("href", `/hooks/${hookId}`);
  }

  // Enable again, then delete with confirmation: gone from the list.
  await page.goto(hookUrl);
  await page.getByRole("button", { name: `Enable ${name}` }).click();
  await expect(page.getByText("Active", { exact: true }).first()).toBeVisible();
  await page.getByRole("button", { name: `Delete ${name}` }).click();
  await expect(page.getByRole("dialog")).toContainText("cannot be undone");
  await page.getByRole("dialog").getByRole("button", { name: "Delete hook" }).click();
  await expect(page).toHaveURL(/\/hooks$/);
  // Listed no more, but on record: what it was and who deleted it.
  const deletedRow = page
    .getByRole("table", { name: "Recently deleted hooks" })
    .getByRole("row")
    .filter({ hasText: name });
  await expect(deletedRow).toContainText(ADMIN.email);
  await page.goto(hookUrl);
  await expect(page.getByRole("heading", { level: 1, name: "Hook not found" })).toBeVisible();
  await other.close();
});
