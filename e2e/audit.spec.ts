// The audit log page: a change made in the UI shows up with who made it, filters narrow it, and the
// CSV export holds what the filters show.
import { readFile } from "node:fs/promises";
import { expect, test } from "@playwright/test";
import { ADMIN } from "./fixtures";

test("an API key's creation and revocation appear on /audit, filter by kind and object, and export", async ({
  page,
}) => {
  const stamp = Date.now().toString(36);
  const keyName = `Audited ${stamp}`;

  await page.goto("/api-keys");
  await page.getByLabel("New key name").fill(keyName);
  await page.getByRole("button", { name: "Create key" }).click();
  await page.getByRole("button", { name: "I have stored it" }).click();
  await page.getByRole("button", { name: `Revoke ${keyName}` }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Revoke key" }).click();
  await expect(page.getByRole("row").filter({ hasText: keyName })).toContainText("Revoked");

  await page.getByRole("link", { name: "Audit log" }).click();
  await expect(page).toHaveURL(/\/audit$/);
  const created = page.getByRole("row").filter({ hasText: "api_key.created" }).filter({ hasText: keyName });
  await expect(created).toHaveCount(1);
  await expect(created).toContainText(ADMIN.email);
  await expect(created).toContainText("admin");
  const revoked = page.getByRole("row").filter({ hasText: "api_key.revoked" }).first();
  await expect(revoked).toBeVisible();
  await page.screenshot({ path: "test-results/audit-log.png", fullPage: true });

  // Only revocations.
  await page.getByLabel("What").selectOption("api_key.revoked");
  await expect(page).toHaveURL(/kind=api_key.revoked/);
  await expect(page.getByRole("row").filter({ hasText: "api_key.created" })).toHaveCount(0);
  await expect(page.getByRole("row").filter({ hasText: "api_key.revoked" }).first()).toBeVisible();

  // Only this key's changes: its object filter.
  await page.getByRole("button", { name: "Clear filters" }).click();
  const objectId = (await created.locator("td").nth(3).locator(".font-mono").textContent()) ?? "";
  expect(objectId).toMatch(/^key_/);
  await page.getByLabel("Object").fill(objectId);
  await expect(page.getByRole("row").filter({ hasText: objectId })).toHaveCount(2);
  await expect(page.getByText("2 changes, that's all")).toBeVisible();

  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: "Export CSV" }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^audit-\d{4}-\d{2}-\d{2}\.csv$/);
  const csv = (await readFile(await download.path(), "utf8"))
    .replace(/^\uFEFF/, "")
    .trim()
    .split("\r\n");
  expect(csv[0]).toBe("at,actor_type,actor_id,actor_label,kind,object_type,object_id,changes,ip,user_agent");
  expect(csv).toHaveLength(3);
  expect(csv[1]).toContain("api_key.revoked");
  expect(csv[2]).toContain("api_key.created");
  expect(csv[2]).toContain(ADMIN.email);
  expect(csv.join("\n")).not.toContain("hk_");
});
