// Runs first: a fresh install leads to setup, which creates the admin every other spec signs in as.
import { expect, test } from "@playwright/test";
import { ADMIN, AUTH_STATE } from "./fixtures";

test("a fresh install leads to setup, creates the first admin, then only allows sign-in", async ({
  page,
}) => {
  await page.goto("/");
  await expect(page).toHaveURL(/\/setup$/);
  await expect(page.getByRole("heading", { name: "Welcome to Hookline" })).toBeVisible();

  // The tab shows Hookline's mark (without one, every page load logged a 404 for /favicon.ico).
  const icon = await page.locator('link[rel="icon"]').getAttribute("href");
  expect(icon).toBeTruthy();
  expect((await page.request.get(icon as string)).headers()["content-type"]).toContain("image/svg+xml");
  // Clients that ask for /favicon.ico without reading the page get one too.
  expect((await page.request.get("/favicon.ico")).headers()["content-type"]).toContain("image/");
  // Crawlers are kept off everything: the admin, the portal and unsubscribe links carry private data.
  const robots = await (await page.request.get("/robots.txt")).text();
  expect(robots).toMatch(/^Disallow: \/$/m);

  // Inline validation before anything is sent.
  await page.getByLabel("Email").fill("not-an-email");
  await page.getByLabel("Password", { exact: true }).fill("short");
  await page.getByRole("button", { name: "Create admin account" }).click();
  await expect(page.getByText("Enter a valid email address.")).toBeVisible();
  await expect(page.getByText("Use at least 10 characters for the password.")).toBeVisible();

  await page.getByLabel("Email").fill(ADMIN.email);
  await page.getByLabel("Password", { exact: true }).fill(ADMIN.password);
  await page.getByLabel("Confirm password").fill(ADMIN.password);
  await page.getByRole("button", { name: "Create admin account" }).click();
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByRole("heading", { name: "Dashboard" })).toBeVisible();

  // Setup is one-time: once an admin exists it sends people to sign in.
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in$/);
  await page.goto("/setup");
  await expect(page).toHaveURL(/\/sign-in$/);

  await page.getByLabel("Email").fill(ADMIN.email);
  await page.getByLabel("Password").fill("wrong password!");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByText("That email and password don't match an admin account.")).toBeVisible();

  await page.getByLabel("Password").fill(ADMIN.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/$/);
  await page.context().storageState({ path: AUTH_STATE });
});
