// Search anywhere, then act on every match: an admin finds contacts by part of their domain, sees
// how many match, selects all of them (not only the page on screen) and tags them in one go.
import { expect, test } from "@playwright/test";
import { adminApi } from "./admin-api";

test("search by any part, count the matches, and tag all of them as a background job", async ({
  page,
  baseURL,
}) => {
  test.setTimeout(120_000);
  const { rest } = await adminApi(page, baseURL, "Bulk");
  const domain = `bulk${Date.now().toString(36)}.example`;
  for (let i = 0; i < 60; i++) {
    await rest("POST", "/api/v1/contacts", {
      email: `person-${i}@${domain}`,
      fields: i === 7 ? { company: `Umbrella ${domain}` } : {},
    });
  }

  await page.goto("/contacts");
  // Part of the domain, not the start of anything.
  await page.getByLabel("Search").fill(domain.slice(2));
  await expect(page.getByTestId("contacts-total")).toHaveText("60 matching contacts");
  await expect(page.locator("tbody tr")).toHaveCount(50);

  await page.getByRole("checkbox", { name: "Select every contact shown" }).check();
  const bar = page.getByRole("region", { name: "Selected contacts" });
  await expect(bar).toContainText("50 contacts selected");
  await bar.getByRole("button", { name: "Select all matching" }).click();
  await expect(bar).toContainText("All 60 contacts matching selected");
  await bar.getByLabel("Tag").fill("bulk-e2e");
  await bar.getByRole("button", { name: "Apply to all 60 contacts" }).click();
  await expect(page.getByText("Applied to 60 contacts.")).toBeVisible({ timeout: 30_000 });

  await page.getByLabel("Search").fill("");
  await page.getByLabel("Tag", { exact: true }).fill("bulk-e2e");
  await expect(page.getByTestId("contacts-total")).toHaveText("60 matching contacts");
  // The company is searched too.
  await page.getByLabel("Tag", { exact: true }).fill("");
  await page.getByLabel("Search").fill(`umbrella ${domain}`);
  await expect(page.getByTestId("contacts-total")).toHaveText("1 matching contact");
  await expect(page.locator("tbody tr")).toContainText(`person-7@${domain}`);
});
