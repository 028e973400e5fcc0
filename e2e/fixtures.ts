// Shared e2e facts: the first admin every spec signs in as (created by setup.spec.ts), and signing in.
import type { Page } from "@playwright/test";

export const ADMIN = { email: "admin@example.com", password: "correct horse battery" } as const;
export const AUTH_STATE = `e2e/.auth/admin-${process.env.E2E_PORT ?? 3210}.json`;

/** The build the e2e run makes and serves; specs that start their own Hookline reuse it. */
export const E2E_DIST_DIR = ".next-e2e";
/** HOOKLINE_METRICS_TOKEN of the app the specs run against (playwright.config.ts). */
export const E2E_METRICS_TOKEN = "e2e-metrics-token-not-secret";

/** The password step of the sign-in page; two-factor accounts are then asked for a code. */
export async function signIn(page: Page, credentials: { email: string; password: string }) {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(credentials.email);
  await page.getByLabel("Password").fill(credentials.password);
  await page.getByRole("button", { name: "Sign in" }).click();
}
