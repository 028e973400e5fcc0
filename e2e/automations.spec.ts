// An admin creates, edits, pauses, resumes and deletes an automation rule.
import { expect, test } from "@playwright/test";

test("an admin manages automation rules", async ({ page }) => {
  await page.goto("/automations");
  await expect(page.getByRole("heading", { name: "Automations", exact: true })).toBeVisible();

  // Validation before anything is sent.
  await page.getByLabel("Name").fill("Trial ends");
  await page.getByLabel("When a contact gets the tag").fill("trial");
  await page.getByRole("button", { name: "Create rule" }).click();
  await expect(page.getByText("Choose a status to set, a tag to add, or both.")).toBeVisible();

  await page.getByLabel("Wait", { exact: true }).fill("1");
  await page.getByLabel("Unit of the wait").selectOption("days");
  await page.getByLabel("Then set the status to").selectOption("unsubscribed");
  await page.getByLabel("And add the tag").fill("trial-over");
  await page.getByRole("button", { name: "Create rule" }).click();
  const rule = page.getByRole("listitem").filter({ hasText: "Trial ends" });
  await expect(rule).toContainText("after 1 day set the status to unsubscribed and add trial-over.");
  await expect(rule.getByText("Active")).toBeVisible();
  await page.screenshot({ path: "test-results/screens/automations.png", fullPage: true });

  // The same name again is refused by the server, on the field.
  await page.getByLabel("Name").fill("trial ends");
  await page.getByLabel("When a contact gets the tag").fill("x");
  await page.getByLabel("And add the tag").fill("y");
  await page.getByRole("button", { name: "Create rule" }).click();
  await expect(page.getByText("A rule with this name already exists.")).toBeVisible();

  // Edit: the form opens with the rule's values, its wait in the unit it was given in.
  await rule.getByRole("button", { name: "Edit Trial ends" }).click();
  await expect(page.getByRole("heading", { name: "Edit “Trial ends”" })).toBeVisible();
  await expect(page.getByLabel("Wait", { exact: true })).toHaveValue("1");
  await expect(page.getByLabel("Unit of the wait")).toHaveValue("days");
  await expect(page.getByLabel("When a contact gets the tag")).toHaveValue("trial");
  await page.getByLabel("Wait", { exact: true }).fill("36");
  await page.getByLabel("Unit of the wait").selectOption("hours");
  await page.getByLabel("Then set the status to").selectOption("");
  await page.getByRole("button", { name: "Save rule" }).click();
  await expect(rule).toContainText("after 36 hours add trial-over.");
  await expect(page.getByRole("heading", { name: "New rule" })).toBeVisible();

  await rule.getByRole("button", { name: "Pause" }).click();
  await expect(rule.getByText("Paused")).toBeVisible();
  await rule.getByRole("button", { name: "Resume" }).click();
  await expect(rule.getByText("Active")).toBeVisible();

  await rule.getByRole("button", { name: "Delete", exact: true }).click();
  await expect(page.getByRole("dialog", { name: "Delete “Trial ends”?" })).toBeVisible();
  await page.screenshot({ path: "test-results/screens/automations-delete.png", fullPage: true });
  await page.getByRole("button", { name: "Delete rule" }).click();
  await expect(page.getByText("No rules yet")).toBeVisible();
});
