// Every admin page at phone width (390 px): the page never scrolls sideways (wide tables scroll in
// their own box) and the navigation opens from the Menu button.
import { expect, type Page, test } from "@playwright/test";
import { deleteHooksTo } from "./admin-api";
import { type HookReceiver, startHookReceiver } from "./hook-receiver";
import { seedEveryAdminPage } from "./support/every-page";

let receiver: HookReceiver;
test.beforeAll(async () => {
  receiver = await startHookReceiver();
});
test.afterAll(async () => {
  await receiver.close();
});

async function pageWidth(page: Page) {
  return page.evaluate(() => ({
    scroll: document.scrollingElement?.scrollWidth ?? 0,
    inner: window.innerWidth,
  }));
}

test("every admin page fits a 390 px phone, and its navigation opens", async ({ page, baseURL }) => {
  test.setTimeout(180_000);
  const { pages } = await seedEveryAdminPage(page, baseURL, receiver, "Phone pages");
  await page.setViewportSize({ width: 390, height: 844 });
  for (const path of pages) {
    await page.goto(path);
    await expect(page.locator("main h1").first()).toBeVisible();
    // Charts and live tables settle after the first paint.
    await page.waitForLoadState("networkidle");
    const { scroll, inner } = await pageWidth(page);
    expect(scroll, `${path} scrolls sideways`).toBeLessThanOrEqual(inner);
    const name = path.replace(/\/(ctc|hook|evt|msg|job)_[0-9A-Za-z]+/g, "/$1").replace(/[^a-z0-9]+/gi, "-");
    await page.screenshot({
      path: `test-results/screens/phone${name === "-" ? "-dashboard" : name}.png`,
      fullPage: true,
    });

    const nav = page.getByRole("navigation", { name: "Main" });
    await expect(nav).toBeHidden();
    await page.getByRole("button", { name: "Menu" }).click();
    await expect(nav.getByRole("link", { name: "Contacts" })).toBeVisible();
    await page.keyboard.press("Escape");
    await expect(nav).toBeHidden();
  }

  // The menu leads somewhere and closes behind itself.
  await page.getByRole("button", { name: "Menu" }).click();
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Hooks" }).click();
  await expect(page).toHaveURL(/\/hooks$/);
  await expect(page.getByRole("navigation", { name: "Main" })).toBeHidden();

  // On a desktop the navigation is simply there.
  await page.setViewportSize({ width: 1440, height: 900 });
  await expect(page.getByRole("navigation", { name: "Main" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Menu" })).toBeHidden();
  await deleteHooksTo(page, baseURL, receiver.url);
});

test("a skip link leads keyboard users past the navigation", async ({ page }) => {
  await page.goto("/contacts");
  await page.keyboard.press("Tab");
  const skip = page.getByRole("link", { name: "Skip to content" });
  await expect(skip).toBeFocused();
  await expect(skip).toBeVisible();
  await page.keyboard.press("Enter");
  await expect(page.locator("main")).toBeFocused();
});
