// An admin imports a CSV with bad rows and follows the job to its summary.
import { readFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { adminApi } from "./admin-api";
import { exportContacts } from "./support/contact-export";

function buildCsv(): string {
  const lines = ["Email,First name,Last name,Tags,Plan"];
  for (let i = 1; i <= 20_000; i++)
    lines.push(`import-${i}@example.com,First${i},Last${i},imported;e2e,plan-${i % 3}`);
  lines.push("not-an-email,Bad,Email,,");
  lines.push(",No,Email,,");
  lines.push("IMPORT-7@example.com,Dup,Row,,");
  return lines.join("\n");
}

/**
 * A wait on the server's work over the file's 20,003 rows: the upload parsed, then the import's
 * batches on the embedded database, behind which the page's own queries queue. Seconds on a quiet
 * machine, many times that on a loaded one; the expect default (10 s) is for a page's own reaction.
 */
const ROWS_WORK = { timeout: 60_000 };
/** The whole import, to its last batch. */
const WHOLE_IMPORT = { timeout: 120_000 };

test("an admin imports a CSV with bad rows and watches the progress reach 100 % with the summary", async ({
  page,
}) => {
  // The sum of the waits below on the rows' work, and the rest of the test.
  test.setTimeout(4 * ROWS_WORK.timeout + WHOLE_IMPORT.timeout + 60_000);
  await page.goto("/imports");
  await expect(page.getByRole("heading", { name: "Imports", exact: true })).toBeVisible();
  await page.screenshot({ path: "test-results/screens/imports-empty.png", fullPage: true });

  await page.locator("#import-file").setInputFiles({
    name: "spring-list.csv",
    mimeType: "text/csv",
    buffer: Buffer.from(buildCsv()),
  });

  // The mapping step: headers recognised, the unknown one chosen by hand.
  await expect(page.getByRole("heading", { name: "Map the columns of spring-list.csv" })).toBeVisible(
    ROWS_WORK,
  );
  await expect(page.getByLabel("Field for column Email")).toHaveValue("email");
  await expect(page.getByLabel("Field for column Tags")).toHaveValue("tags");
  await expect(page.getByLabel("Field for column Plan")).toHaveValue("ignore");
  await page.getByLabel("Field for column Plan").selectOption("field:Plan");
  await page.screenshot({ path: "test-results/screens/import-mapping.png", fullPage: true });
  await page.getByRole("button", { name: "Import 20,003 rows" }).click();

  const bar = page.getByRole("progressbar", { name: "Import progress" });
  await expect(bar).toBeVisible(ROWS_WORK);
  // Under way (or done) before the screenshot, rather than a fixed pause.
  await expect(bar).not.toHaveAttribute("aria-valuenow", "0", ROWS_WORK);
  await page.screenshot({ path: "test-results/screens/import-progress.png", fullPage: true });
  // The job runs on the server: a reload finds it where it is.
  await page.reload();
  await expect(page.getByRole("progressbar", { name: "Import progress" })).toBeVisible(ROWS_WORK);
  await expect(bar).toHaveAttribute("aria-valuenow", "100", WHOLE_IMPORT);
  await expect(page.getByText("Completed")).toBeVisible();
  await expect(page.getByTestId("import-created")).toHaveText("20,000");
  await expect(page.getByTestId("import-updated")).toHaveText("0");
  await expect(page.getByTestId("import-skipped")).toHaveText("0");
  await expect(page.getByTestId("import-rejected")).toHaveText("3");
  await page.screenshot({ path: "test-results/screens/import-summary.png", fullPage: true });

  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: "Download rejected rows" }).click(),
  ]);
  expect(download.suggestedFilename()).toBe("spring-list-rejected.csv");
  const rejected = readFileSync(await download.path(), "utf8")
    .replace(/^\uFEFF/, "")
    .split("\r\n");
  expect(rejected).toEqual([
    "row,reason,Email,First name,Last name,Tags,Plan",
    '20002,"Invalid email ""not-an-email""",not-an-email,Bad,Email,,',
    "20003,Missing email,,No,Email,,",
    "20004,Duplicate of row 8 in this file,IMPORT-7@example.com,Dup,Row,,",
  ]);

  await page.getByRole("link", { name: "← All imports" }).click();
  await expect(page.getByRole("link", { name: "spring-list.csv" })).toBeVisible();
  await page.screenshot({ path: "test-results/screens/imports-list.png", fullPage: true });
});

test("a file over the limit or without rows is refused with a clear message", async ({ page }) => {
  await page.goto("/imports");
  await page.locator("#import-file").setInputFiles({
    name: "empty.csv",
    mimeType: "text/csv",
    buffer: Buffer.from("email,first_name\n"),
  });
  await expect(page.getByText("The file has a header row but no data rows.")).toBeVisible();
});

test("the app's own export imports back unchanged: every column mapped, nothing updated", async ({
  page,
  baseURL,
}) => {
  const { rest } = await adminApi(page, baseURL, "Round trip");
  const tag = `rt-${Date.now().toString(36)}`;
  for (const [i, phone] of ["+1 555 0100", "-42", "@home"].entries()) {
    await rest("POST", "/api/v1/contacts", {
      email: `${tag}-${i}@example.com`,
      first_name: i === 1 ? "=SUM(A1)" : `Person ${i}`,
      phone,
      tags: [tag, "vip", "beta"],
      fields: { plan: "pro", seats: i },
    });
  }
  await page.goto(`/contacts?tag=${tag}`);
  const csv = Buffer.from((await exportContacts(page, `Contacts tagged ${tag}`)).text);

  await page.goto("/imports");
  await page.locator("#import-file").setInputFiles({ name: "export.csv", mimeType: "text/csv", buffer: csv });
  await expect(page.getByRole("heading", { name: "Map the columns of export.csv" })).toBeVisible();
  for (const [column, field] of <Array<[string, string]>>[
    ["email", "email"],
    ["phone", "phone"],
    ["tags", "tags"],
    ["field:plan", "field:plan"],
    ["field:seats", "field:seats"],
    ["id", "ignore"],
  ]) {
    await expect(page.getByLabel(`Field for column ${column}`, { exact: true })).toHaveValue(field);
  }
  await page.getByRole("button", { name: "Import 3 rows" }).click();
  await expect(page.getByText("Completed")).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId("import-created")).toHaveText("0");
  await expect(page.getByTestId("import-updated")).toHaveText("0");
  await expect(page.getByTestId("import-skipped")).toHaveText("3");
  await expect(page.getByTestId("import-rejected")).toHaveText("0");
});
