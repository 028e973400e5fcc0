// The contact lifecycle in the admin UI, and the audit trail it leaves on the Events page.
import { expect, type Page, test } from "@playwright/test";
import { exportContacts } from "./support/contact-export";

async function expectAdminEvent(page: Page, type: string, email: string) {
  const row = page.getByRole("row").filter({ hasText: type }).filter({ hasText: email });
  await expect(row).toHaveCount(1);
  await expect(row.getByText("admin", { exact: true })).toBeVisible();
}

test("an admin adds, edits, tags, unsubscribes and deletes a contact; each step is an admin event", async ({
  page,
}) => {
  const stamp = Date.now().toString(36);
  const email = `ada-${stamp}@example.com`;

  await page.goto("/contacts");
  await page.getByRole("link", { name: "New contact" }).first().click();
  await expect(page).toHaveURL(/\/contacts\/new$/);

  // Checked in the browser before anything is sent, shown under the field.
  await page.getByLabel("Email").fill("not-an-email");
  await page.getByRole("button", { name: "Create contact" }).click();
  await expect(page.locator("#email-error")).toHaveText("Enter a valid email address.");
  await expect(page.getByLabel("Email")).toHaveAttribute("aria-invalid", "true");

  await page.getByLabel("Email").fill(email);
  await page.getByLabel("First name").fill("Ada");
  await page.getByLabel("Last name").fill("Lovelace");
  await page.getByLabel("Add a tag").fill("early-adopter");
  await page.getByLabel("Add a tag").press("Enter");
  await page.getByRole("button", { name: "Add field" }).click();
  await page.getByLabel("Field 1 name").fill("plan");
  await page.getByLabel("Field 1 value").fill("pro");
  await page.getByRole("button", { name: "Create contact" }).click();

  await expect(page).toHaveURL(/\/contacts\/ctc_[0-9A-Za-z]+$/);
  const contactUrl = page.url();
  await expect(page.getByRole("heading", { level: 1, name: "Ada Lovelace" })).toBeVisible();
  await expect(page.getByText("Subscribed", { exact: true })).toBeVisible();
  await expect(page.getByText("early-adopter")).toBeVisible();
  await expect(page.getByText("pro", { exact: true })).toBeVisible();

  // The same email in other letter case is the same contact: the server's 409 lands under Email.
  await page.goto("/contacts/new");
  await page.getByLabel("Email").fill(email.toUpperCase());
  await page.getByRole("button", { name: "Create contact" }).click();
  await expect(page.locator("#email-error")).toHaveText("A contact with this email already exists.");
  await expect(page).toHaveURL(/\/contacts\/new$/);

  // Search as you type finds it by a prefix of the email; a status filter that excludes it empties the list.
  await page.goto("/contacts");
  await page.getByLabel("Search").fill(`ada-${stamp}`);
  await expect(page.getByRole("link", { name: email })).toBeVisible();
  await expect(page).toHaveURL(new RegExp(`q=ada-${stamp}`));
  await page.getByLabel("Status").selectOption("bounced");
  await expect(page.getByText("No contacts match")).toBeVisible();
  await page.getByLabel("Status").selectOption("");
  await page.getByRole("cell", { name: "Ada Lovelace" }).click();
  await expect(page).toHaveURL(contactUrl);

  // Edit.
  await page.getByRole("link", { name: "Edit" }).click();
  await expect(page.getByLabel("Email")).toHaveValue(email);
  await page.getByLabel("First name").fill("Augusta Ada");
  await page.getByLabel("Phone").fill("+44 20 7946 0000");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page).toHaveURL(contactUrl);
  await expect(page.getByRole("heading", { level: 1, name: "Augusta Ada Lovelace" })).toBeVisible();
  await expect(page.getByText("+44 20 7946 0000")).toBeVisible();

  // Tags: Enter adds, × removes.
  const tagBox = page.getByLabel("Add a tag");
  await tagBox.fill("vip");
  await tagBox.press("Enter");
  await expect(page.getByRole("button", { name: "Remove tag vip" })).toBeVisible();
  await expect(tagBox).toHaveValue("");
  await page.getByRole("button", { name: "Remove tag vip" }).click();
  await expect(page.getByRole("button", { name: "Remove tag vip" })).toHaveCount(0);

  // Status.
  await page.getByRole("button", { name: "Unsubscribe" }).click();
  await expect(page.getByText("Unsubscribed", { exact: true })).toBeVisible();
  await expect(page.getByRole("button", { name: "Subscribe", exact: true })).toBeVisible();

  // The contact's own activity shows what just happened.
  const activity = page.getByRole("table", { name: "Events" });
  await expect(activity.getByText("contact.unsubscribed")).toBeVisible();
  await expect(activity.getByText("contact.tag_removed")).toBeVisible();

  // Delete, after a confirmation that Cancel (and Escape) backs out of.
  await page.getByRole("button", { name: "Delete" }).click();
  const dialog = page.getByRole("dialog", { name: `Delete ${email}?` });
  await expect(dialog).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  await page.getByRole("button", { name: "Delete" }).click();
  await dialog.getByRole("button", { name: "Delete contact" }).click();
  await expect(page).toHaveURL(/\/contacts$/);
  await expect(page.getByRole("link", { name: email })).toHaveCount(0);

  await page.goto(contactUrl);
  await expect(page.getByText("Contact not found")).toBeVisible();

  // Every step left its event, each from the admin UI.
  await page.goto("/events");
  await expect(page.getByRole("heading", { name: "Events" })).toBeVisible();
  for (const type of [
    "contact.created",
    "contact.updated",
    "contact.tag_added",
    "contact.tag_removed",
    "contact.unsubscribed",
    "contact.deleted",
  ]) {
    await expectAdminEvent(page, type, email);
  }
  // The contact is gone, so its email is no longer a link.
  await expect(page.getByRole("link", { name: email })).toHaveCount(0);

  // Filtering by type narrows the list to that type.
  await page.getByLabel("Type").selectOption("contact.deleted");
  await expect(page).toHaveURL(/type=contact\.deleted/);
  await expect(page.getByRole("row").filter({ hasText: "contact.created" })).toHaveCount(0);
  await expectAdminEvent(page, "contact.deleted", email);

  // An event's own page still says whose it was, though the contact is gone.
  await page
    .getByRole("row")
    .filter({ hasText: email })
    .getByRole("link", { name: "contact.deleted" })
    .click();
  await expect(page).toHaveURL(/\/events\/evt_[0-9A-Za-z]+$/);
  await expect(page.getByTestId("event-contact")).toHaveText(`${email} (deleted)`);
  await expect(page.getByRole("link", { name: email })).toHaveCount(0);
});

test("a contact id that does not exist shows a not-found page", async ({ page }) => {
  const response = await page.goto("/contacts/ctc_doesnotexist");
  expect(response?.status()).toBe(404);
  await expect(page.getByText("Contact not found")).toBeVisible();
  await page.getByRole("link", { name: "Back to contacts" }).click();
  await expect(page).toHaveURL(/\/contacts$/);
});

test("a long list pages by keyset with Load more, filtered by tag", async ({ page }) => {
  const tag = `batch-${Date.now().toString(36)}`;
  await page.goto("/contacts");
  // Seeded through the admin UI's own tRPC endpoint, from the signed-in page (same origin, JSON).
  const statuses = await page.evaluate(async (batchTag) => {
    const answers: number[] = [];
    for (let index = 0; index < 55; index++) {
      const response = await fetch("/api/trpc/contact.create", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ email: `${batchTag}-${index}@example.com`, tags: [batchTag] }),
      });
      answers.push(response.status);
    }
    return answers;
  }, tag);
  expect(statuses.every((status) => status === 200)).toBe(true);

  await page.getByLabel("Tag").fill(tag);
  const rows = page.getByRole("table", { name: "Contacts" }).locator("tbody tr");
  await expect(rows).toHaveCount(50);
  await expect(page.getByText("50 contacts shown")).toBeVisible();
  // Newest first.
  await expect(rows.first()).toContainText(`${tag}-54@example.com`);

  await page.getByRole("button", { name: "Load more" }).click();
  await expect(rows).toHaveCount(55);
  await expect(page.getByText("55 contacts, that's all")).toBeVisible();
  await expect(rows.last()).toContainText(`${tag}-0@example.com`);
  await expect(page.getByRole("button", { name: "Load more" })).toHaveCount(0);

  // The filter is in the address: a reload shows the same first page, prefetched on the server.
  await page.reload();
  await expect(page.getByLabel("Tag")).toHaveValue(tag);
  await expect(rows).toHaveCount(50);

  // The export is the filtered list, all of it, as CSV.
  const { download, text: csv } = await exportContacts(page, `Contacts tagged ${tag}`);
  expect(download.suggestedFilename()).toMatch(/^contacts-\d{4}-\d{2}-\d{2}\.csv$/);
  const lines = csv
    .replace(/^\uFEFF/, "")
    .trimEnd()
    .split("\r\n");
  expect(lines[0]).toBe("id,email,first_name,last_name,phone,status,tags,created_at,updated_at");
  expect(lines).toHaveLength(56);
  expect(lines[1]).toContain(`${tag}-54@example.com`);
  expect(lines.every((line, index) => index === 0 || line.includes(tag))).toBe(true);

  // Several at once: tag two of them, then delete both.
  const picked = `picked-${tag}`;
  await page.getByRole("checkbox", { name: `Select ${tag}-54@example.com` }).check();
  await page.getByRole("checkbox", { name: `Select ${tag}-53@example.com` }).check();
  const bar = page.getByRole("region", { name: "Selected contacts" });
  await expect(bar).toContainText("2 contacts selected");
  await bar.getByRole("combobox", { name: "Tag" }).fill(picked);
  await bar.getByRole("button", { name: "Apply to 2 contacts" }).click();
  await expect(page.getByText("Applied to 2 contacts.")).toBeVisible();
  await expect(bar).toHaveCount(0);

  await page.getByLabel("Tag", { exact: true }).fill(picked);
  await expect(rows).toHaveCount(2);
  await page.getByRole("checkbox", { name: "Select every contact shown" }).check();
  await bar.getByRole("combobox", { name: "Action" }).selectOption("delete");
  await bar.getByRole("button", { name: "Apply to 2 contacts" }).click();
  const confirm = page.getByRole("dialog", { name: "Delete 2 contacts?" });
  await confirm.getByRole("button", { name: "Delete 2 contacts" }).click();
  await expect(page.getByText("2 contacts deleted.")).toBeVisible();
  await expect(page.getByText("No contacts match")).toBeVisible();
  // Nothing left to select, so no box to select it all.
  await expect(page.getByRole("checkbox", { name: "Select every contact shown" })).toHaveCount(0);
});
