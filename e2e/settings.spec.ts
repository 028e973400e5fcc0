// Admin accounts in the browser: add a colleague, who signs in and must first replace the password
// they were given, then remove them. The first admin's password never changes here: every other spec signs in with it.
import { expect, test } from "@playwright/test";
import { ADMIN, signIn } from "./fixtures";

test("an admin adds a colleague, who changes their password, and is then removed", async ({
  browser,
  page,
}) => {
  const stamp = Date.now().toString(36);
  const colleague = { email: `grace-${stamp}@example.com`, password: "grace's first password" };
  const changed = "grace's second password";

  await page.goto("/");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Settings" }).click();
  await expect(page).toHaveURL(/\/settings$/);
  await expect(page.getByRole("heading", { name: "Settings", level: 1 })).toBeVisible();
  await expect(page.getByTestId("account-email")).toHaveText(ADMIN.email);
  await expect(page.getByRole("heading", { name: "History retention" })).toBeVisible();
  await expect(page.getByText(/deleted once older than 30 days/)).toBeVisible();

  const admins = page.getByRole("table", { name: "Admins" });
  const myRow = admins.getByRole("row").filter({ hasText: ADMIN.email });
  await expect(myRow.getByText("You", { exact: true })).toBeVisible();
  await expect(myRow.getByRole("button", { name: /Delete/ })).toHaveCount(0);

  // The browser checks first; then the server's conflict lands on the email field.
  await page.getByRole("button", { name: "Add admin" }).click();
  await expect(page.locator("#new-admin-email-error")).toHaveText("Enter a valid email address.");
  await expect(page.locator("#new-admin-password-error")).toHaveText(
    "Use at least 10 characters for the password.",
  );
  await page.getByLabel("Email", { exact: true }).fill(ADMIN.email.toUpperCase());
  await page.getByLabel("Password", { exact: true }).fill("some long password");
  await page.getByRole("button", { name: "Add admin" }).click();
  await expect(page.locator("#new-admin-email-error")).toHaveText("A user with this email already exists.");
  await expect(page.getByLabel("Email", { exact: true })).toHaveAttribute("aria-invalid", "true");
  // Read with the field by a screen reader, not only announced once.
  await expect(page.getByLabel("Email", { exact: true })).toHaveAccessibleDescription(
    "A user with this email already exists.",
  );
  await expect(page.getByLabel("Password", { exact: true })).not.toHaveAttribute("aria-invalid", "true");

  await page.getByLabel("Email", { exact: true }).fill(colleague.email);
  await page.getByLabel("Password", { exact: true }).fill(colleague.password);
  await page.getByRole("button", { name: "Add admin" }).click();
  await expect(page.getByText(`${colleague.email} can sign in now.`)).toBeVisible();
  const theirRow = admins.getByRole("row").filter({ hasText: colleague.email });
  await expect(theirRow).toContainText("Not signed in");
  await expect(theirRow.getByText("You", { exact: true })).toHaveCount(0);

  // The colleague, in their own browser: the password was chosen for them, so before anything
  // else Hookline asks them for their own — on every page, until they have.
  const theirs = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const them = await theirs.newPage();
  await signIn(them, colleague);
  await expect(them).toHaveURL(/\/$/);
  const gate = them.getByRole("heading", { name: "Choose your own password", level: 1 });
  await expect(gate).toBeVisible();
  await them.goto("/contacts");
  await expect(gate).toBeVisible();
  await expect(them.getByRole("table", { name: "Contacts" })).toHaveCount(0);
  await expect(them.getByTestId("account-email")).toHaveText(colleague.email);

  await them.getByLabel("Current password").fill("not my password");
  await them.getByLabel("New password", { exact: true }).fill(changed);
  await them.getByLabel("Confirm new password").fill(`${changed}!`);
  await them.getByRole("button", { name: "Change password" }).click();
  await expect(them.locator("#confirm-password-error")).toHaveText("The passwords don't match.");

  await them.getByLabel("Confirm new password").fill(changed);
  await them.getByRole("button", { name: "Change password" }).click();
  await expect(them.locator("#current-password-error")).toHaveText("That isn't your current password.");
  await expect(them.getByLabel("Current password")).toBeFocused();

  await them.getByLabel("Current password").fill(colleague.password);
  await them.getByRole("button", { name: "Change password" }).click();
  // Done: the page they asked for appears.
  await expect(gate).toHaveCount(0);
  await expect(them.getByRole("table", { name: "Contacts" })).toBeVisible();

  await them.goto("/settings");
  await expect(them.getByTestId("account-email")).toHaveText(colleague.email);
  const theirAdmins = them.getByRole("table", { name: "Admins" });
  await expect(
    theirAdmins.getByRole("row").filter({ hasText: colleague.email }).getByText("You", { exact: true }),
  ).toBeVisible();
  await expect(
    theirAdmins.getByRole("row").filter({ hasText: ADMIN.email }).getByRole("button", { name: "Delete" }),
  ).toBeVisible();

  // This session survived the change; now the new password is the one that works.
  await them.reload();
  await expect(them.getByTestId("account-email")).toHaveText(colleague.email);
  await them.getByRole("button", { name: "Sign out" }).click();
  await expect(them).toHaveURL(/\/sign-in$/);
  await signIn(them, colleague);
  await expect(them.getByText("That email and password don't match an admin account.")).toBeVisible();
  await signIn(them, { email: colleague.email, password: changed });
  await expect(them).toHaveURL(/\/$/);

  // Back in the first admin's view: the colleague has signed in; remove them.
  await page.reload();
  await expect(theirRow).not.toContainText("Not signed in");
  await theirRow.getByRole("button", { name: `Delete ${colleague.email}` }).click();
  const dialog = page.getByRole("dialog", { name: `Delete ${colleague.email}?` });
  await expect(dialog).toBeVisible();
  await dialog.getByRole("button", { name: "Delete admin" }).click();
  await expect(dialog).toBeHidden();
  await expect(theirRow).toHaveCount(0);
  await expect(myRow).toBeVisible();

  // Their session went with them.
  await them.goto("/settings");
  await expect(them).toHaveURL(/\/sign-in\?next=%2Fsettings$/);
  await signIn(them, { email: colleague.email, password: changed });
  await expect(them.getByText("That email and password don't match an admin account.")).toBeVisible();
  await theirs.close();
});
