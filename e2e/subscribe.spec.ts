// A visitor subscribes on the hosted form, then leaves through their personal unsubscribe link.
import { type APIRequestContext, expect, test } from "@playwright/test";

async function trpcQuery<T>(request: APIRequestContext, path: string, input: unknown): Promise<T> {
  const response = await request.get(`/api/trpc/${path}?input=${encodeURIComponent(JSON.stringify(input))}`);
  expect(response.ok(), await response.text()).toBe(true);
  return ((await response.json()) as { result: { data: T } }).result.data;
}

type Contact = { id: string; email: string; first_name: string | null; status: string };
type EventRow = { type: string; source: string; actor: string };

test("a visitor subscribes through /subscribe, then unsubscribes through the contact's link", async ({
  browser,
  page: adminPage,
}) => {
  const email = `visitor-${Date.now()}@example.com`;
  // The visitor has no admin session.
  const visitor = await browser.newContext();
  const page = await visitor.newPage();

  await page.goto("/subscribe");
  await expect(page.getByRole("heading", { name: "Join our newsletter" })).toBeVisible();
  await page.screenshot({ path: "test-results/screens/subscribe.png", fullPage: true });

  // The browser's own check first, then ours: type an invalid address and submit.
  await page.getByLabel("Email").fill("not-an-email");
  await page.getByLabel("Email").evaluate((input: HTMLInputElement) => {
    input.type = "text"; // skip the browser's built-in check so the server's answer shows
  });
  await page.getByRole("button", { name: "Subscribe" }).click();
  await expect(page.getByText("Enter a valid email address.")).toBeVisible();
  await page.screenshot({ path: "test-results/screens/subscribe-error.png", fullPage: true });

  await page.getByLabel("Email").fill(email);
  await page.getByLabel("First name").fill("Vera");
  await page.getByLabel("Last name").fill("Visitor");
  await page.getByRole("button", { name: "Subscribe" }).click();
  await expect(page.getByRole("heading", { name: "You're on the list" })).toBeVisible();
  await page.screenshot({ path: "test-results/screens/subscribe-done.png", fullPage: true });

  const [contact] = (
    await trpcQuery<{ data: Contact[] }>(adminPage.request, "contact.list", { email, limit: 1 })
  ).data;
  expect(contact).toMatchObject({ email, first_name: "Vera", status: "subscribed" });
  if (!contact) throw new Error("the contact was not created");

  // The admin side: the link as the contact's page shows it.
  await adminPage.goto(`/contacts/${contact.id}`);
  const linkField = adminPage.getByRole("textbox", { name: "Unsubscribe link" });
  await expect(linkField).toHaveValue(/\/u\/ctc_\w+\.[\w-]{43}$/);
  const link = { path: new URL(await linkField.inputValue()).pathname };

  await page.goto(link.path);
  await expect(page.getByRole("heading", { name: "Unsubscribe?" })).toBeVisible();
  await page.screenshot({ path: "test-results/screens/unsubscribe-confirm.png", fullPage: true });
  // Opening the link changed nothing.
  expect((await trpcQuery<Contact>(adminPage.request, "contact.get", { id: contact.id })).status).toBe(
    "subscribed",
  );

  await page.getByRole("button", { name: "Unsubscribe" }).click();
  await expect(page.getByRole("heading", { name: "You're unsubscribed" })).toBeVisible();
  await page.screenshot({ path: "test-results/screens/unsubscribe-done.png", fullPage: true });
  expect((await trpcQuery<Contact>(adminPage.request, "contact.get", { id: contact.id })).status).toBe(
    "unsubscribed",
  );

  const events = await trpcQuery<{ data: EventRow[] }>(adminPage.request, "event.list", {
    contact_id: contact.id,
    limit: 10,
  });
  expect(events.data.map((event) => [event.type, event.source, event.actor])).toEqual([
    ["contact.unsubscribed", "public", "contact"],
    ["contact.created", "public", "contact"],
  ]);

  // A tampered link leads nowhere.
  await page.goto(`${link.path.slice(0, -3)}AAA`);
  await expect(page.getByRole("heading", { name: "This link can't be used" })).toBeVisible();
  await page.screenshot({ path: "test-results/screens/unsubscribe-invalid.png", fullPage: true });
  await visitor.close();
});

test("the hosted form works without JavaScript too", async ({ browser }) => {
  const visitor = await browser.newContext({ javaScriptEnabled: false });
  const page = await visitor.newPage();
  await page.goto("/subscribe");
  await page.getByLabel("Email").fill(`nojs-${Date.now()}@example.com`);
  await page.getByRole("button", { name: "Subscribe" }).click();
  await expect(page).toHaveURL(/\/subscribe\?done=1$/);
  await expect(page.getByRole("heading", { name: "You're on the list" })).toBeVisible();
  await visitor.close();
});
