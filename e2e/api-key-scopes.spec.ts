// A key limited to some scopes: chosen in the UI, refused outside them (403, nothing changed),
// its access changed in place, and its last use shown.
import { expect, test } from "@playwright/test";
import { cellOf } from "./support/table";

test("a scoped, expiring key reads contacts, is refused a write with 403, and can be widened", async ({
  page,
  request,
}) => {
  const stamp = Date.now().toString(36);
  const keyName = `Reports ${stamp}`;
  const email = `scoped-${stamp}@example.com`;

  await page.goto("/api-keys");
  await page.getByLabel("New key name").fill(keyName);
  // Restricted but with no scope chosen: said so, nothing created.
  await page.getByLabel("Full access").uncheck();
  await page.getByRole("button", { name: "Create key" }).click();
  await expect(page.getByText("Choose at least one scope, or give the key full access.")).toBeVisible();
  await expect(page.getByTestId("new-api-key")).toHaveCount(0);

  await page.getByLabel(/Contacts: read/).check();
  await page.getByLabel("Expires").selectOption({ label: "In 30 days" });
  await page.getByRole("button", { name: "Create key" }).click();
  const shown = page.getByTestId("new-api-key");
  await expect(shown).toBeVisible();
  const key = (await shown.textContent()) ?? "";
  expect(key).toMatch(/^hk_[0-9A-Za-z]{32,}$/);
  await expect(page.getByRole("region", { name: /Your new key/ })).toContainText("contacts:read");
  await page.screenshot({ path: "test-results/api-key-scopes-created.png", fullPage: true });
  await page.getByRole("button", { name: "I have stored it" }).click();

  const row = page.getByRole("row").filter({ hasText: keyName });
  await expect(await cellOf(page, row, "Access")).toHaveText("contacts:read");
  await expect(await cellOf(page, row, "Expires")).toHaveText(/^(next month|in 4 weeks|in 30 days)$/);
  await expect(await cellOf(page, row, "Last used")).toHaveText("Never");

  const auth = { Authorization: `Bearer ${key}` };
  const listed = await request.get("/api/v1/contacts", { headers: auth });
  expect(listed.status()).toBe(200);

  const refused = await request.post("/api/v1/contacts", { headers: auth, data: { email } });
  expect(refused.status()).toBe(403);
  const body = (await refused.json()) as { error: { code: string; message: string } };
  expect(body.error.code).toBe("forbidden");
  expect(body.error.message).toContain("`contacts:write`");
  // ActiveCampaign's API refuses it in its own shape.
  const acRefused = await request.post("/api/3/contacts", {
    headers: { "Api-Token": key },
    data: { contact: { email } },
  });
  expect(acRefused.status()).toBe(403);
  expect(Object.keys((await acRefused.json()) as object)).toEqual(["message"]);
  // Nothing was created.
  const search = await request.get(`/api/v1/contacts?email=${encodeURIComponent(email)}`, { headers: auth });
  expect(((await search.json()) as { data: unknown[] }).data).toEqual([]);

  await page.reload();
  await expect(await cellOf(page, row, "Last used")).toHaveText(/just now|minute/);

  // Widen it in place: from the next request on, the write goes through.
  await page.getByRole("button", { name: `Change access of ${keyName}` }).click();
  const dialog = page.getByRole("dialog", { name: `Access of "${keyName}"` });
  await dialog.getByLabel(/Contacts: write/).check();
  await page.screenshot({ path: "test-results/api-key-scopes-change.png" });
  await dialog.getByRole("button", { name: "Save access" }).click();
  await expect(dialog).toBeHidden();
  await expect(await cellOf(page, row, "Access")).toHaveText("contacts:readcontacts:write");
  const written = await request.post("/api/v1/contacts", { headers: auth, data: { email } });
  expect(written.status()).toBe(201);
  await page.screenshot({ path: "test-results/api-key-scopes-list.png", fullPage: true });
});
