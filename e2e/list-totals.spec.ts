// The hooks and events lists say how many match their filters, as the contacts list does.
import { expect, test } from "@playwright/test";
import { adminApi, deleteHooksTo } from "./admin-api";
import { type HookReceiver, startHookReceiver } from "./hook-receiver";

let receiver: HookReceiver;
test.beforeAll(async () => {
  receiver = await startHookReceiver();
});
test.afterAll(async () => {
  await receiver.close();
});

test("the hooks and events lists show their totals for the filters on screen", async ({ page, baseURL }) => {
  const { rest } = await adminApi(page, baseURL, "Totals");
  const stamp = `totals${Date.now().toString(36)}`;
  try {
    for (const [i, events] of [["contact.created"], ["contact.bounced"], ["contact.created"]].entries()) {
      await rest("POST", "/api/v1/hooks", { target_url: `${receiver.url}/${stamp}/${i}`, events });
    }
    await page.goto("/hooks");
    await expect(page.getByTestId("hooks-total")).toHaveText(/^\d[\d,]* hooks?$/);
    await page.getByLabel("Search").fill(stamp);
    await expect(page.getByTestId("hooks-total")).toHaveText("3 matching hooks");
    await page.getByLabel("Event").selectOption("contact.bounced");
    await expect(page.getByTestId("hooks-total")).toHaveText("1 matching hook");
    await expect(page.getByRole("table", { name: "Hooks", exact: true }).locator("tbody tr")).toHaveCount(1);
  } finally {
    await deleteHooksTo(page, baseURL, receiver.url);
  }

  // Events made through the API, counted before and after three more (a list with none shows its
  // empty state instead of "0 events", so there is one first).
  await rest("POST", "/api/v1/contacts", { email: `${stamp}-first@example.com` });
  await page.goto("/events?source=api&type=contact.created");
  const total = page.getByTestId("events-total");
  await expect(total).toHaveText(/^\d[\d,]* matching events?$/);
  const before = Number((await total.textContent())?.replace(/\D/g, ""));
  for (let i = 0; i < 3; i++) await rest("POST", "/api/v1/contacts", { email: `${stamp}-${i}@example.com` });
  await page.reload();
  await expect(total).toHaveText(`${(before + 3).toLocaleString("en")} matching events`);
  await page.getByLabel("Source").selectOption("");
  await page.getByLabel("Type").selectOption("");
  // All events: past 10,000 (an import spec makes thousands) it is an estimate, and says so.
  await expect(total).toHaveText(/^(\d[\d,]* events|About \d[\d,]* events \(estimated\))$/);
});
