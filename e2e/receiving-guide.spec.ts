// The receiving guide, as a reader finds it: linked from the API reference, every section there,
// and an example body per event type and format.
import { expect, test } from "@playwright/test";

test("the receiving guide is linked from /docs/api and shows every event in every format", async ({
  page,
}) => {
  await page.goto("/docs/api");
  await page.getByRole("link", { name: "the receiving guide" }).click();
  await expect(page).toHaveURL(/\/docs\/webhooks$/);
  await expect(page.getByRole("heading", { level: 1, name: "Receiving webhooks" })).toBeVisible();
  await page.screenshot({ path: "docs/screenshots/receiving-guide.png" });
  for (const section of [
    "Subscribing and the handshake",
    "Verifying a delivery",
    "When a hook stops: operational events",
    "Zapier",
  ]) {
    await expect(page.getByRole("heading", { level: 2, name: section })).toBeVisible();
  }
  await expect(page.getByRole("cell", { name: /^webhook-signature/ })).toContainText("v1,");

  const example = page.locator("#example-contact\\.tag_added");
  await example.locator("summary").click();
  await expect(example).toContainText('"type": "contact.tag_added"');
  await expect(example).toContainText('"url": "');
  await expect(example).toContainText("contact[tags] = vip, newsletter");
  // Eight contact events, then the four operational ones, whose data names a hook.
  await expect(page.locator("details")).toHaveCount(12);
  const operational = page.locator("#example-hook\\.disabled");
  await operational.locator("summary").click();
  await expect(operational).toContainText('"reason": "failing"');
});
