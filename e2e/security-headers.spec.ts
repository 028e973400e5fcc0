// Every page under the security headers (server/runtime/security-headers.ts): each one runs with no
// Content-Security-Policy violation in its console, no page can be framed, and a page whose address
// carries a token never hands it on in a Referer.
import { expect, type Page, type Response, test } from "@playwright/test";
import { deleteHooksTo } from "./admin-api";
import { type HookReceiver, startHookReceiver } from "./hook-receiver";
import { seedEveryAdminPage } from "./support/every-page";

let receiver: HookReceiver;
test.beforeAll(async () => {
  receiver = await startHookReceiver();
});
test.afterAll(async () => {
  await receiver.close();
});

/** Collects what the browser reports about the policies: CSP violations and header errors. */
function watchPolicyErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on("console", (message) => {
    const text = message.text();
    if (/Content Security Policy|Permissions-Policy|Refused to/i.test(text)) errors.push(text);
  });
  page.on("pageerror", (error) => errors.push(`uncaught: ${error.message}`));
  return errors;
}

function expectSecurityHeaders(response: Response | null, path: string) {
  if (!response) throw new Error(`${path} had no response`);
  const headers = response.headers();
  const policy = headers["content-security-policy"] ?? "";
  expect(policy, path).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
  expect(policy, path).toContain("frame-ancestors 'none'");
  expect(headers["x-frame-options"], path).toBe("DENY");
  expect(headers["x-content-type-options"], path).toBe("nosniff");
  expect(headers["permissions-policy"], path).toContain("camera=()");
  // Served over plain HTTP here: no HSTS, which would pin browsers to an HTTPS that isn't there.
  expect(headers["strict-transport-security"], path).toBeUndefined();
  return headers;
}

async function visit(page: Page, path: string, errors: string[]) {
  const response = await page.goto(path);
  await expect(page.locator("h1").first()).toBeVisible();
  await page.waitForLoadState("networkidle");
  expect(errors, `${path} reported policy errors`).toEqual([]);
  return expectSecurityHeaders(response, path);
}

test("every admin page runs under the policy with no violation", async ({ page, baseURL }) => {
  test.setTimeout(180_000);
  const errors = watchPolicyErrors(page);
  const { pages } = await seedEveryAdminPage(page, baseURL, receiver, "Security headers");
  for (const path of [...pages, "/docs/api", "/docs/webhooks", "/no-such-page"]) {
    const headers = await visit(page, path, errors);
    expect(headers["referrer-policy"], path).toBe("strict-origin-when-cross-origin");
  }
  // Hydrated, not merely painted: a client-side navigation works under the policy.
  await page.goto("/contacts");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Hooks" }).click();
  await expect(page).toHaveURL(/\/hooks$/);
  expect(errors).toEqual([]);
  await deleteHooksTo(page, baseURL, receiver.url);
});

test("the public pages run under the policy, and the unsubscribe link's page sends no Referer", async ({
  page,
  browser,
  baseURL,
}) => {
  const { contactId } = await seedEveryAdminPage(page, baseURL, receiver, "Security headers, public");
  await page.goto(`/contacts/${contactId}`);
  const link = new URL(await page.getByRole("textbox", { name: "Unsubscribe link" }).inputValue());
  await deleteHooksTo(page, baseURL, receiver.url);

  const visitor = await browser.newPage({ storageState: { cookies: [], origins: [] } });
  const errors = watchPolicyErrors(visitor);
  for (const path of ["/sign-in", "/subscribe"]) {
    const headers = await visit(visitor, path, errors);
    expect(headers["referrer-policy"], path).toBe("strict-origin-when-cross-origin");
  }
  const headers = await visit(visitor, link.pathname, errors);
  expect(headers["referrer-policy"]).toBe("no-referrer");
  await visitor.close();
});

test("no page of the app can be framed by another site", async ({ browser, baseURL }) => {
  const page = await browser.newPage({ storageState: { cookies: [], origins: [] } });
  // The control: the same page with its framing headers stripped does show in a frame, so the
  // blank frame below is the headers' doing.
  await page.route("**/sign-in?unguarded", async (route) => {
    const response = await route.fetch();
    const headers = response.headers();
    delete headers["content-security-policy"];
    delete headers["x-frame-options"];
    await route.fulfill({ response, headers });
  });
  await page.goto("about:blank");
  await page.setContent(
    `<iframe name="guarded" src="${baseURL}/sign-in"></iframe><iframe name="unguarded" src="${baseURL}/sign-in?unguarded"></iframe>`,
  );
  const signIn = page.frameLocator('iframe[name="unguarded"]').locator("form");
  await expect(signIn.getByLabel("Password")).toBeVisible();
  // The browser puts its own error page in the guarded frame instead of Hookline's.
  const guarded = () => page.frames().find((frame) => frame.name() === "guarded");
  await expect.poll(() => guarded()?.url()).toMatch(/^chrome-error:/);
  await expect(page.frameLocator('iframe[name="guarded"]').getByLabel("Password")).toHaveCount(0);
  await page.close();
});

test("the invitation page runs under the policy, sends no Referer, and its form works", async ({
  page,
  browser,
  baseURL,
}) => {
  const email = `csp-${Date.now().toString(36)}@example.com`;
  const created = await page.request.post("/api/trpc/invitation.create", {
    data: { email, role: "viewer" },
    headers: { "content-type": "application/json", origin: String(baseURL) },
  });
  expect(created.ok(), await created.text()).toBe(true);
  const path: string = (await created.json()).result.data.link.path;

  const visitor = await browser.newPage({ storageState: { cookies: [], origins: [] } });
  const errors = watchPolicyErrors(visitor);
  const headers = await visit(visitor, path, errors);
  expect(headers["referrer-policy"]).toBe("no-referrer");
  expect(headers["cache-control"] ?? "").toContain("no-store");
  // Hydrated under the policy: the form's own checks and the account it makes.
  await visitor.getByLabel("Password", { exact: true }).fill("a long enough password");
  await visitor.getByLabel("Confirm password").fill("a long enough password");
  await visitor.getByRole("button", { name: "Create account and sign in" }).click();
  await expect(visitor.getByRole("heading", { name: "Dashboard" })).toBeVisible();
  expect(errors).toEqual([]);
  await visitor.close();
});
