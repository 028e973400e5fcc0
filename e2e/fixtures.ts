// Shared e2e facts: the first admin every spec signs in as (created by setup.spec.ts), and signing in.
import { type Browser, expect, type Page } from "@playwright/test";

export const ADMIN = { email: "admin@example.com", password: "correct horse battery" } as const;
export const AUTH_STATE = `e2e/.auth/admin-${process.env.E2E_PORT ?? 3210}.json`;

/** The build the e2e run makes and serves; specs that start their own Hookline reuse it. */
export const E2E_DIST_DIR = ".next-e2e";
/** HOOKLINE_METRICS_TOKEN of the app the specs run against (playwright.config.ts). */
export const E2E_METRICS_TOKEN = "e2e-metrics-token-not-secret";
/**
 * The sites the e2e server lets frame the portal (HOOKLINE_PORTAL_FRAME_ANCESTORS): `localhost` on
 * any port, another site than the app's 127.0.0.1, where specs serve an integrator's page.
 */
export const E2E_PORTAL_EMBEDDER = "http://localhost:*";

/** The password step of the sign-in page; two-factor accounts are then asked for a code. */
export async function signIn(page: Page, credentials: { email: string; password: string }) {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(credentials.email);
  await page.getByLabel("Password").fill(credentials.password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

/**
 * `page` (signed in as an owner or admin) invites `email` as `role` on the settings page; the
 * invitee opens the one-time link in a browser of their own, chooses `password` and lands signed in.
 */
export async function inviteUser(
  browser: Browser,
  page: Page,
  invitee: { email: string; password: string; role: "Owner" | "Admin" | "Marketer" | "Viewer" },
) {
  await page.goto("/settings");
  const invite = page.getByRole("region", { name: "Invite someone" });
  await invite.getByLabel("Email").fill(invitee.email);
  await invite.getByLabel("Role").selectOption({ label: invitee.role });
  await invite.getByRole("button", { name: "Invite" }).click();
  const panel = page.getByTestId("invitation-link");
  await expect(panel).toContainText(`Invitation for ${invitee.email}`);
  const link = ((await panel.locator("code").textContent()) ?? "").trim();
  expect(link).toMatch(/\/invitations\/[0-9A-Za-z]{43}$/);

  const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const them = await context.newPage();
  await them.goto(link);
  await expect(them.getByRole("heading", { name: "Join Hookline" })).toBeVisible();
  await expect(them.getByLabel("Email")).toHaveValue(invitee.email);
  await them.getByLabel("Password", { exact: true }).fill(invitee.password);
  await them.getByLabel("Confirm password").fill(invitee.password);
  await them.getByRole("button", { name: "Create account and sign in" }).click();
  await expect(them.getByRole("heading", { name: "Dashboard" })).toBeVisible();
  return { them, context, link };
}
