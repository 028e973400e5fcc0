// The public pages introduce the sender as an admin set them up: one name, logo, colour and copy,
// the same on /subscribe and on the unsubscribe link's pages.
import { expect, type Page, test } from "@playwright/test";
import { adminApi } from "./admin-api";

const ACME = {
  Name: "Acme News",
  Colour: "#0f766e",
  "Subscribe page heading": "Get the Acme letter",
  "Footer line": "Acme Inc., 1 Road, Town",
};
const TEAL = "rgb(15, 118, 110)";

async function fillBranding(page: Page, values: Record<string, string>) {
  await page.goto("/settings");
  // Typed before hydration, a value would be merged with the one React then sets.
  await expect(page.getByText(/^Now: /)).toBeVisible();
  for (const [label, value] of Object.entries(values))
    await page.getByLabel(label, { exact: true }).fill(value);
  await page.getByRole("button", { name: "Save public pages" }).click();
}

// Back to Hookline's own afterwards, whatever happened, for the specs after this one.
test.afterEach(async ({ page }) => {
  await fillBranding(page, {
    Name: "Hookline",
    Colour: "#3b55e6",
    "Subscribe page heading": "Join our newsletter",
    "Footer line":
      "We only use your email to send you our newsletter. Every email has a link to unsubscribe.",
  });
  await expect(page.getByText("Saved. The public pages show it now.")).toBeVisible();
});

test("an admin brands the public pages, and both pages show it alike", async ({ page, browser, baseURL }) => {
  await fillBranding(page, { ...ACME, Colour: "teal; background:url(x)" });
  await expect(page.getByText("Use a colour like #3b55e6.")).toBeVisible();
  await fillBranding(page, { ...ACME, "Logo address": "javascript:alert(1)" });
  await expect(page.getByText("Use an https:// address of an image.")).toBeVisible();
  await fillBranding(page, { ...ACME, "Logo address": "" });
  await expect(page.getByText("Saved. The public pages show it now.")).toBeVisible();

  const { rest } = await adminApi(page, baseURL, "Branding");
  const contact = await rest<{ id: string }>("POST", "/api/v1/contacts", {
    email: `brand-${Date.now().toString(36)}@example.com`,
  });
  await page.goto(`/contacts/${contact.id}`);
  const unsubscribeUrl = await page.getByLabel("Unsubscribe link").inputValue();

  const visitor = await (await browser.newContext()).newPage();
  await visitor.goto("/subscribe");
  await expect(visitor.getByRole("heading", { name: "Get the Acme letter" })).toBeVisible();
  await expect(visitor.getByText("Acme News", { exact: true })).toBeVisible();
  await expect(visitor.getByText(ACME["Footer line"])).toBeVisible();
  await expect(visitor).toHaveTitle("Subscribe · Acme News");
  await expect(visitor.getByRole("button", { name: "Subscribe" })).toHaveCSS("background-color", TEAL);
  await visitor.screenshot({ path: "test-results/screens/subscribe-branded.png", fullPage: true });

  await visitor.goto(unsubscribeUrl);
  await expect(visitor.getByRole("heading", { name: "Unsubscribe?" })).toBeVisible();
  await expect(visitor.getByText("Acme News", { exact: true })).toBeVisible();
  await expect(visitor.getByText(ACME["Footer line"])).toBeVisible();
  await expect(visitor.getByRole("button", { name: "Unsubscribe" })).toHaveCSS("background-color", TEAL);
  await visitor.screenshot({ path: "test-results/screens/unsubscribe-branded.png", fullPage: true });
  await visitor.close();
});
