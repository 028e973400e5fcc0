// Users in the browser: the first owner invites a colleague, who chooses their own password through
// the one-time link, and is then removed. The first owner's password never changes here: every
// other spec signs in with it.
import { expect, test } from "@playwright/test";
import { ADMIN, inviteUser, signIn } from "./fixtures";

test("an owner invites a colleague, who joins through the link once, and is then removed", async ({
  browser,
  page,
}) => {
  const stamp = Date.now().toString(36);
  const colleague = {
    email: `grace-${stamp}@example.com`,
    password: "grace's own password",
    role: "Admin",
  } as const;

  await page.goto("/");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Settings" }).click();
  await expect(page).toHaveURL(/\/settings$/);
  await expect(page.getByRole("heading", { name: "Settings", level: 1 })).toBeVisible();
  await expect(page.getByTestId("account-email")).toHaveText(ADMIN.email);
  await expect(page.getByRole("heading", { name: "History retention" })).toBeVisible();
  await expect(page.getByText(/deleted once older than 30 days/)).toBeVisible();

  const users = page.getByRole("table", { name: "Users" });
  const myRow = users.getByRole("row").filter({ hasText: ADMIN.email });
  await expect(myRow.getByText("You", { exact: true })).toBeVisible();
  await expect(myRow).toContainText("Owner");
  await expect(myRow.getByRole("button", { name: /Delete/ })).toHaveCount(0);
  // No one chooses another person's password any more.
  await expect(page.getByLabel("Password", { exact: true })).toHaveCount(0);

  // The browser checks first; then the server's conflict lands on the email field.
  const invite = page.getByRole("region", { name: "Invite someone" });
  await invite.getByRole("button", { name: "Invite" }).click();
  await expect(page.locator("#invite-email-error")).toHaveText("Enter a valid email address.");
  await invite.getByLabel("Email").fill(ADMIN.email.toUpperCase());
  await invite.getByRole("button", { name: "Invite" }).click();
  await expect(page.locator("#invite-email-error")).toHaveText(
    "Someone with this email can already sign in.",
  );
  await expect(invite.getByLabel("Email")).toHaveAccessibleDescription(
    "Someone with this email can already sign in.",
  );

  const { them, context, link } = await inviteUser(browser, page, colleague);
  await expect(them.getByTestId("signed-in-role")).toHaveText("Admin");

  // The link worked once: opened again, it says so and offers sign-in, in any browser.
  const other = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const stranger = await other.newPage();
  const reopened = await stranger.goto(link);
  expect(reopened?.headers()["referrer-policy"]).toBe("no-referrer");
  await expect(stranger.getByRole("heading", { name: "This invitation can't be used" })).toBeVisible();
  await expect(stranger.getByText("This invitation has already been used. Sign in instead.")).toBeVisible();
  await stranger.goto(`${link.slice(0, -1)}${link.endsWith("a") ? "b" : "a"}`);
  await expect(stranger.getByText(/This invitation link isn't valid/)).toBeVisible();
  await other.close();

  // The colleague is in the list now, signed in; an admin may remove other admins but not owners.
  await them.goto("/settings");
  const theirUsers = them.getByRole("table", { name: "Users" });
  await expect(
    theirUsers.getByRole("row").filter({ hasText: colleague.email }).getByText("You", { exact: true }),
  ).toBeVisible();
  const ownerSeenByAdmin = theirUsers.getByRole("row").filter({ hasText: ADMIN.email });
  await expect(ownerSeenByAdmin.getByRole("button", { name: `Delete ${ADMIN.email}` })).toBeDisabled();
  await expect(ownerSeenByAdmin.getByRole("button", { name: `Delete ${ADMIN.email}` })).toHaveAttribute(
    "title",
    "Admins can't invite, change or remove owners.",
  );
  await expect(them.getByRole("region", { name: "Invite someone" }).getByLabel("Role")).not.toContainText(
    "Owner",
  );

  await page.reload();
  const theirRow = users.getByRole("row").filter({ hasText: colleague.email });
  await expect(theirRow).not.toContainText("Not signed in");
  await theirRow.getByRole("button", { name: `Delete ${colleague.email}` }).click();
  const dialog = page.getByRole("dialog", { name: `Delete ${colleague.email}?` });
  await expect(dialog).toBeVisible();
  await dialog.getByRole("button", { name: "Delete user" }).click();
  await expect(dialog).toBeHidden();
  await expect(theirRow).toHaveCount(0);
  await expect(myRow).toBeVisible();

  // Their session went with them.
  await them.goto("/settings");
  await expect(them).toHaveURL(/\/sign-in\?next=%2Fsettings$/);
  await signIn(them, colleague);
  await expect(them.getByText("That email and password don't match an admin account.")).toBeVisible();
  await context.close();
});
