// Signing in: empty fields are caught in the page, and the admin lands where the link pointed.
import { expect, test } from "@playwright/test";
import { ADMIN } from "./fixtures";

test.use({ storageState: { cookies: [], origins: [] } });

test("sign-in says what's missing without asking the server, then returns to the page asked for", async ({
  page,
}) => {
  await page.goto("/contacts?q=ada");
  await expect(page).toHaveURL(/\/sign-in\?next=%2Fcontacts%3Fq%3Dada$/);

  let signInCalls = 0;
  page.on("request", (request) => {
    if (request.url().includes("/api/trpc/auth.signIn")) signInCalls++;
  });
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByText("Enter your email address.")).toBeVisible();
  await expect(page.getByText("Enter your password.")).toBeVisible();
  await expect(page.getByLabel("Email")).toHaveAttribute("aria-invalid", "true");
  expect(signInCalls).toBe(0);

  await page.getByLabel("Email").fill(ADMIN.email);
  await page.getByLabel("Password").fill(ADMIN.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/contacts\?q=ada$/);
  expect(signInCalls).toBe(1);
});

test("a return address off this site is ignored", async ({ page }) => {
  await page.goto("/sign-in?next=//evil.example/");
  await page.getByLabel("Email").fill(ADMIN.email);
  await page.getByLabel("Password").fill(ADMIN.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { name: "Dashboard" })).toBeVisible();
  await expect(page).toHaveURL(/\/$/);
});
