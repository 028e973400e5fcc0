// Exporting the contacts a filter matches, as a background job: the admin starts it from the
// contacts page, watches it finish without reloading, downloads the file, and finds every awkward
// value intact (and formulas defused). Only signed-in admins get the file.
import { expect, test } from "@playwright/test";
import Papa from "papaparse";
import { adminApi } from "./admin-api";
import { exportContacts } from "./support/contact-export";

const TRICKY = ['=HYPERLINK("http://evil.example")', 'O"Brien, Jr.', "line one\nline two", "Zoë 😀"];

test("export the contacts a filter matches in the background, then download them", async ({
  page,
  baseURL,
  playwright,
}) => {
  test.setTimeout(120_000);
  const { rest } = await adminApi(page, baseURL, "Export");
  const tag = `exp-${Date.now().toString(36)}`;
  for (const [i, value] of TRICKY.entries()) {
    await rest("POST", "/api/v1/contacts", {
      email: `${tag}-${i}@example.com`,
      first_name: `Person ${i}`,
      tags: [tag],
      fields: { note: value },
      ...(i === 3 ? { status: "unsubscribed" } : {}),
    });
  }
  // Not tagged: must not be in the file.
  await rest("POST", "/api/v1/contacts", { email: `${tag}-other@example.com`, fields: { note: "x" } });

  await page.goto(`/contacts?tag=${tag}&status=subscribed`);
  await expect(page.getByTestId("contacts-total")).toHaveText("3 matching contacts");
  const label = `Contacts tagged ${tag}, subscribed`;
  const { download, text } = await exportContacts(page, label);
  const item = page.getByRole("region", { name: "Exports" }).getByRole("listitem").filter({ hasText: label });
  await expect(item.getByTestId("export-ready")).toContainText("3 contacts ·");
  expect(download.suggestedFilename()).toMatch(/^contacts-\d{4}-\d{2}-\d{2}\.csv$/);

  expect(text.startsWith("\uFEFF")).toBe(true);
  const parsed = Papa.parse<Record<string, string>>(text.slice(1), { header: true, skipEmptyLines: true });
  expect(parsed.errors).toEqual([]);
  expect(parsed.meta.fields).toEqual([
    "id",
    "email",
    "first_name",
    "last_name",
    "phone",
    "status",
    "tags",
    "created_at",
    "updated_at",
    "field:note",
  ]);
  // Newest first; the unsubscribed and the untagged contacts are left out.
  expect(parsed.data.map((row) => row.email)).toEqual([2, 1, 0].map((i) => `${tag}-${i}@example.com`));
  expect(parsed.data.map((row) => row["field:note"])).toEqual([
    "line one\nline two",
    'O"Brien, Jr.',
    // A spreadsheet shows this as text rather than running it.
    `'=HYPERLINK("http://evil.example")`,
  ]);

  // The file is for signed-in admins only; a wrong or unknown id says so.
  const href = (await item.getByRole("link", { name: "Download CSV" }).getAttribute("href")) ?? "";
  // No cookies at all (the project's default would sign it in).
  const anonymous = await playwright.request.newContext({
    baseURL,
    storageState: { cookies: [], origins: [] },
  });
  const refused = await anonymous.get(href);
  expect(refused.status()).toBe(401);
  expect((await refused.json()).error.code).toBe("unauthorized");
  await anonymous.dispose();
  const unknown = await page.request.get("/contacts/exports/job_0000000000000000000000");
  expect(unknown.status()).toBe(404);
  expect((await unknown.json()).error.message).toMatch(/No export with that id/);

  // Deleted, it is gone from the list and from its address.
  await item.getByRole("button", { name: "Delete this export" }).click();
  await expect(item).toHaveCount(0);
  expect((await page.request.get(href)).status()).toBe(404);
});
