// Reading one column of a table row by its header's name, so a new column doesn't break a spec.
import type { Locator, Page } from "@playwright/test";

export async function cellOf(page: Page, row: Locator, header: string): Promise<Locator> {
  const headers = await page.getByRole("columnheader").allTextContents();
  const index = headers.findIndex((text) => text.trim().toLowerCase() === header.toLowerCase());
  if (index < 0) throw new Error(`No column "${header}" among ${headers.join(", ")}`);
  return row.getByRole("cell").nth(index);
}
