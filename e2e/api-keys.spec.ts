// An API key's life: created and shown once in the UI, used by an integrator, revoked.
import { expect, test } from "@playwright/test";
import { cellOf } from "./support/table";

test("an API key is shown once, creates contacts as `api`, and answers 401 once revoked", async ({
  page,
  request,
}) => {
  const stamp = Date.now().toString(36);
  const keyName = `Integration ${stamp}`;
  const email = `grace-${stamp}@example.com`;

  await page.goto("/api-keys");
  await page.getByRole("button", { name: "Create key" }).click();
  await expect(page.getByText("Give the key a name.")).toBeVisible();

  await page.getByLabel("New key name").fill(keyName);
  await page.getByRole("button", { name: "Create key" }).click();
  const shown = page.getByTestId("new-api-key");
  await expect(shown).toBeVisible();
  await expect(page.getByText("This is the only time it is shown")).toBeVisible();
  const key = (await shown.textContent()) ?? "";
  expect(key).toMatch(/^hk_[0-9A-Za-z]{32,}$/);

  const row = page.getByRole("row").filter({ hasText: keyName });
  await expect(row).toContainText(key.slice(0, 9));
  await expect(row).toContainText("Active");
  await expect(row).toContainText("Full access");
  await expect(await cellOf(page, row, "Last used")).toHaveText("Never");
  await expect(await cellOf(page, row, "Expires")).toHaveText("Never");

  // Once dismissed, the key is gone from the page for good, even after a reload.
  await page.getByRole("button", { name: "I have stored it" }).click();
  await expect(page.getByText(key)).toHaveCount(0);
  await page.reload();
  await expect(page.getByText(key)).toHaveCount(0);
  await expect(row).toBeVisible();

  const created = await request.post("/api/v1/contacts", {
    headers: { Authorization: `Bearer ${key}` },
    data: { email, first_name: "Grace" },
  });
  expect(created.status()).toBe(201);
  const contact = (await created.json()) as { id: string; email: string };
  expect(contact.email).toBe(email);

  // The API call is an `api` event, initiated by the key's name.
  await page.goto("/events");
  await page.getByLabel("Source").selectOption("api");
  const event = page.getByRole("row").filter({ hasText: "contact.created" }).filter({ hasText: email });
  await expect(event).toHaveCount(1);
  await expect(event.getByText("api", { exact: true })).toBeVisible();
  await expect(event).toContainText(keyName);
  await expect(event.getByRole("link", { name: email })).toHaveAttribute("href", `/contacts/${contact.id}`);

  // Rename in place: Enter saves.
  await page.goto("/api-keys");
  await expect(await cellOf(page, row, "Last used")).not.toHaveText("Never");
  await page.getByRole("button", { name: `Rename ${keyName}` }).click();
  const renamed = `Renamed ${stamp}`;
  await page.getByLabel(`New name for ${keyName}`).fill(renamed);
  await page.getByLabel(`New name for ${keyName}`).press("Enter");
  const renamedRow = page.getByRole("row").filter({ hasText: renamed });
  await expect(renamedRow).toBeVisible();

  // Revoke, confirmed in a dialog; the key stays listed, marked revoked.
  await page.getByRole("button", { name: `Revoke ${renamed}` }).click();
  const dialog = page.getByRole("dialog", { name: `Revoke "${renamed}"?` });
  await dialog.getByRole("button", { name: "Revoke key" }).click();
  await expect(dialog).toBeHidden();
  await expect(renamedRow).toContainText("Revoked");
  await expect(page.getByRole("button", { name: `Revoke ${renamed}` })).toHaveCount(0);

  const refused = await request.post("/api/v1/contacts", {
    headers: { Authorization: `Bearer ${key}` },
    data: { email: `after-${email}` },
  });
  expect(refused.status()).toBe(401);
  expect(((await refused.json()) as { error: { code: string } }).error.code).toBe("unauthorized");
});
