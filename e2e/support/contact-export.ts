// Exporting contacts as an admin does it: start the export from the contacts page, wait for it to
// finish (its progress updates on the page, no reload), then download the file.
import { readFileSync } from "node:fs";
import { type Download, expect, type Page } from "@playwright/test";

/**
 * `label` is what the exports list says was exported, e.g. "Contacts tagged vip". Returns the download
 * and its text (byte-order mark included).
 */
export async function exportContacts(
  page: Page,
  label: string,
  options: { timeout?: number } = {},
): Promise<{ download: Download; text: string }> {
  await page.getByRole("button", { name: /^Export (matching \(CSV\)|CSV)$/ }).click();
  // The newest export of that description: the one just started.
  const item = page
    .getByRole("region", { name: "Exports" })
    .getByRole("listitem")
    .filter({ hasText: label })
    .first();
  await expect(item.getByTestId("export-ready")).toBeVisible({ timeout: options.timeout ?? 30_000 });
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    item.getByRole("link", { name: "Download CSV" }).click(),
  ]);
  return { download, text: readFileSync((await download.path()) as string, "utf8") };
}
