// The self-service portal in Chromium: an admin makes a key's link on the API keys page; a visitor
// with no cookies manages that key's hooks there against a real receiver (handshake, ping, attempts,
// redeliver, rotate, example event, disable, delete), and reaches nothing else — another key's hook
// is a 404, admin pages send to sign-in, admin procedures refuse the portal's token. A tampered or
// revoked link shows one clear page. Framing: allowed to the configured site only.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { type Browser, expect, type Page, test } from "@playwright/test";
import { deleteHooksTo } from "./admin-api";
import { E2E_PORTAL_EMBEDDER } from "./fixtures";
import { type HookReceiver, startHookReceiver } from "./hook-receiver";

let receiver: HookReceiver;
test.beforeAll(async () => {
  receiver = await startHookReceiver();
});
test.afterAll(async () => {
  await receiver.close();
});

const PORTAL_HEADER = "x-hookline-portal";

async function createKey(page: Page, baseURL: string | undefined, name: string) {
  const created = await page.request.post("/api/trpc/apiKey.create", {
    data: { name },
    headers: { "content-type": "application/json", origin: String(baseURL) },
  });
  expect(created.ok(), await created.text()).toBe(true);
  const data = (await created.json()).result.data as { apiKey: { id: string }; secret: string };
  return { id: data.apiKey.id, secret: data.secret };
}

/** The admin's "Portal link" on the API keys page: the link it shows. */
async function portalLinkFromAdmin(page: Page, keyName: string): Promise<string> {
  await page.goto("/api-keys");
  await page.getByRole("button", { name: `Portal link for ${keyName}` }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("Valid for").selectOption({ label: "8 hours" });
  await dialog.getByRole("button", { name: "Create link" }).click();
  const link = await dialog.getByLabel("Portal link").inputValue();
  expect(link).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/portal\/pts_/);
  await expect(dialog.getByRole("button", { name: "Copy link" })).toBeVisible();
  await page.screenshot({ path: "test-results/portal-link-dialog.png" });
  await dialog.getByRole("button", { name: "Cancel" }).click();
  return link;
}

/**
 * The links on a portal page that would take its frame out of the portal: any that is neither an
 * anchor on the page, nor a portal page of this link, nor opened in a new tab (with rel=noopener).
 */
function linksLeavingThePortal(page: Page, token: string): Promise<string[]> {
  return page.locator("a[href]").evaluateAll(
    (links, inside) =>
      links
        .filter((link) => {
          const href = link.getAttribute("href") ?? "";
          const newTab =
            link.getAttribute("target") === "_blank" && /noopener/.test(link.getAttribute("rel") ?? "");
          return !href.startsWith("#") && !href.startsWith(inside) && !newTab;
        })
        .map((link) => link.getAttribute("href") ?? ""),
    `/portal/${token}`,
  );
}

async function visitor(browser: Browser): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.newPage({ storageState: { cookies: [], origins: [] } });
  const errors: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy|Refused to/i.test(message.text())) errors.push(message.text());
  });
  page.on("pageerror", (error) => errors.push(`uncaught: ${error.message}`));
  return { page, errors };
}

test("a visitor with the link manages the key's hooks, and reaches nothing else", async ({
  page,
  browser,
  baseURL,
}) => {
  test.setTimeout(120_000);
  const stamp = Date.now().toString(36);
  const keyName = `Portal ${stamp}`;
  await createKey(page, baseURL, keyName);
  const other = await createKey(page, baseURL, `Other ${stamp}`);
  const otherHook = await page.request.post("/api/v1/hooks", {
    data: { target_url: `${receiver.url}/other-${stamp}`, events: ["contact.created"] },
    headers: { authorization: `Bearer ${other.secret}` },
  });
  expect(otherHook.status(), await otherHook.text()).toBe(201);
  const otherHookId: string = (await otherHook.json()).id;

  const link = await portalLinkFromAdmin(page, keyName);
  const token = new URL(link).pathname.split("/")[2] as string;
  const { page: portal, errors } = await visitor(browser);

  const opened = await portal.goto(link);
  const headers = opened?.headers() ?? {};
  expect(headers["referrer-policy"]).toBe("no-referrer");
  expect(headers["content-security-policy"]).toContain(`frame-ancestors ${E2E_PORTAL_EMBEDDER}`);
  expect(headers["x-frame-options"]).toBeUndefined();
  await expect(portal.getByRole("heading", { name: "Hooks" })).toBeVisible();
  await expect(portal.getByText(`webhooks of ${keyName}`)).toBeVisible();
  await expect(portal.getByText("No hooks yet")).toBeVisible();
  await expect(portal.locator("main")).toHaveCount(1);
  // No admin navigation anywhere in the portal.
  await expect(portal.getByRole("navigation", { name: "Main" })).toHaveCount(0);

  // Create, through the real handshake against the receiver.
  await portal.getByRole("button", { name: "New hook" }).click();
  await portal.getByLabel("Target URL").fill(`${receiver.url}/portal-${stamp}`);
  await portal.getByRole("button", { name: "Create hook" }).click();
  const created = portal.getByTestId("hook-created");
  await expect(created).toContainText("The hook is active.");
  const firstSecret = (await created.getByTestId("secret-value").textContent()) ?? "";
  expect(firstSecret).toMatch(/^whsec_/);
  await portal.screenshot({ path: "test-results/portal-hook-created.png", fullPage: true });
  await created.getByRole("link", { name: "Open hook" }).click();
  await expect(portal).toHaveURL(/\/hooks\/hook_/);
  const hookId = portal.url().split("/hooks/")[1] as string;

  // Ping: delivered to the receiver, listed, and its attempt readable.
  const before = receiver.deliveries.length;
  await portal.getByRole("button", { name: "Ping" }).click();
  await expect(portal.getByRole("status")).toContainText("Ping queued as msg_");
  await expect.poll(() => receiver.deliveries.length).toBe(before + 1);
  const history = portal.getByTestId("portal-deliveries");
  await expect(history).toContainText("hook.ping");
  await expect(history).toContainText("delivered");
  await portal.screenshot({ path: "test-results/portal-hook.png", fullPage: true });
  expect(await linksLeavingThePortal(portal, token)).toEqual([]);
  await history.getByRole("link").first().click();
  await expect(portal.getByTestId("attempt").first()).toBeVisible();
  await expect(portal.getByTestId("request-body").first()).toContainText("hook.ping");
  await portal.getByRole("button", { name: "Redeliver" }).click();
  await expect(portal.getByText("Queued again")).toBeVisible();
  await expect.poll(() => receiver.deliveries.length).toBe(before + 2);
  await portal.goBack();

  // Rotate: the new secret shown once, unlike the first.
  await portal.getByRole("button", { name: "Rotate secret" }).click();
  await portal.getByRole("dialog").getByRole("button", { name: "Rotate" }).click();
  const rotated = (await portal.getByTestId("secret-value").textContent()) ?? "";
  expect(rotated).toMatch(/^whsec_/);
  expect(rotated).not.toBe(firstSecret);

  // An example event, marked as a test.
  await portal.getByLabel("Example of").selectOption("contact.updated");
  await portal.getByRole("button", { name: "Send example event" }).click();
  await expect.poll(() => receiver.deliveries.at(-1)?.json?.type).toBe("contact.updated");
  // Its row joins the history above the Recover form; wait for it so the form stops moving.
  await expect(history).toContainText("contact.updated");

  // Recover: refused clearly without a time; with one, counted before anything is sent (none
  // failed here, so nothing is asked).
  await portal.getByLabel("Failed since").fill("");
  await portal.getByRole("button", { name: "Recover failed since…" }).click();
  await expect(portal.getByText("Pick a date and time.")).toBeVisible();
  await portal.getByLabel("Failed since").fill("2026-01-01T00:00");
  await portal.getByRole("button", { name: "Recover failed since…" }).click();
  await expect(portal.getByText("No failed deliveries since then.")).toBeVisible();
  await expect(portal.getByRole("dialog")).toHaveCount(0);

  // Disable, then delete.
  await portal.getByRole("button", { name: "Disable" }).click();
  await expect(portal.getByRole("heading", { level: 1 })).toContainText("Disabled");
  await portal.getByRole("button", { name: "Delete" }).click();
  await portal.getByRole("dialog").getByRole("button", { name: "Delete hook" }).click();
  await expect(portal.getByText("No hooks yet")).toBeVisible();
  const deleted = await page.request.get(
    `/api/trpc/hook.get?input=${encodeURIComponent(JSON.stringify({ id: hookId }))}`,
  );
  expect(deleted.status()).toBe(404);

  // The catalogue with examples, and the receiving guide, inside the portal.
  await portal.getByRole("navigation", { name: "Portal" }).getByRole("link", { name: "Events" }).click();
  await expect(portal.getByTestId("example-contact.created")).toContainText('"type": "contact.created"');
  await portal
    .getByRole("navigation", { name: "Portal" })
    .getByRole("link", { name: "Receiving guide" })
    .click();
  await expect(portal.getByRole("heading", { name: "Receiving webhooks" })).toBeVisible();
  // Inside the portal's one main, and its links to the app's other pages open a new tab, not the frame.
  await expect(portal.locator("main")).toHaveCount(1);
  await expect(portal.locator('main a[href="/docs/api"][target="_blank"]')).toHaveCount(2);
  expect(await linksLeavingThePortal(portal, token)).toEqual([]);
  expect(errors).toEqual([]);

  // Another key's hook, by id: a 404 exactly like a hook that doesn't exist.
  const escaped = await portal.goto(`${link}/hooks/${otherHookId}`);
  expect(escaped?.status()).toBe(404);
  await expect(portal.getByRole("heading", { name: "Not found" })).toBeVisible();
  const missing = await portal.goto(`${link}/hooks/hook_doesnotexist`);
  expect(missing?.status()).toBe(404);
  const byProcedure = await portal.request.get(
    `/api/portal/trpc/hooks.get?input=${encodeURIComponent(JSON.stringify({ id: otherHookId }))}`,
    { headers: { [PORTAL_HEADER]: token } },
  );
  expect(byProcedure.status()).toBe(404);

  // Nothing of the admin UI: its pages ask for a sign-in, its procedures refuse the portal's token.
  await portal.goto("/api-keys");
  await expect(portal).toHaveURL(/\/sign-in/);
  const adminCall = await portal.request.get(
    `/api/trpc/hook.list?input=${encodeURIComponent(JSON.stringify({ limit: 10 }))}`,
    { headers: { [PORTAL_HEADER]: token } },
  );
  expect(adminCall.status()).toBe(401);
  const keyCall = await portal.request.post("/api/trpc/apiKey.create", {
    data: { name: "escalation" },
    headers: { "content-type": "application/json", origin: String(baseURL), [PORTAL_HEADER]: token },
  });
  expect(keyCall.status()).toBe(401);
  // And the portal's own procedures need the token.
  const noToken = await portal.request.get(`/api/portal/trpc/hooks.list?input=${encodeURIComponent("{}")}`);
  expect(noToken.status()).toBe(401);

  await portal.close();
  await deleteHooksTo(page, baseURL, `${receiver.url}/other-${stamp}`);
});

test("a tampered link and a revoked one show one clear page, and open nothing", async ({
  page,
  browser,
  baseURL,
}) => {
  const keyName = `Revocable ${Date.now().toString(36)}`;
  await createKey(page, baseURL, keyName);
  const link = await portalLinkFromAdmin(page, keyName);
  const { page: portal } = await visitor(browser);

  await portal.goto(link);
  await expect(portal.getByRole("heading", { name: "Hooks" })).toBeVisible();
  const tampered = `${link.slice(0, -2)}${link.endsWith("A") ? "BB" : "AA"}`;
  await portal.goto(tampered);
  await expect(portal.getByRole("heading", { name: "Link expired or invalid" })).toBeVisible();
  // An address that isn't even one: a plain 404, never a 500.
  const garbled = await portal.goto(`${new URL(link).origin}/portal/%E0%A4%A/hooks`);
  expect(garbled?.status()).toBe(404);
  await portal.goto(link);
  await expect(portal.getByRole("heading", { name: "Hooks" })).toBeVisible();

  // The admin closes the key's links: the open portal's next call and its next page say so.
  await page.goto("/api-keys");
  await page.getByRole("button", { name: `Portal link for ${keyName}` }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Revoke portal links" }).click();
  await expect(page.getByRole("dialog")).toContainText("1 open link revoked.");
  await portal.reload();
  await expect(portal.getByRole("heading", { name: "Link expired or invalid" })).toBeVisible();
  await expect(portal.getByTestId("portal-invalid")).toContainText("expired or is not valid");
  await portal.screenshot({ path: "test-results/portal-invalid.png" });
  await portal.close();
});

/** An integrator's own site on loopback: a page that frames `?src=`, reached as localhost:<port>. */
async function startIntegratorSite(): Promise<{ port: number; close: () => Promise<void> }> {
  const server = createServer((req, res) => {
    const src = new URL(req.url ?? "/", "http://localhost").searchParams.get("src") ?? "";
    res
      .writeHead(200, { "content-type": "text/html" })
      .end(
        `<h1>Integrator</h1><iframe name="portal" src="${src.replaceAll('"', "&quot;")}" width="1000" height="700"></iframe>`,
      );
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

test("the portal can be framed by the configured sites only, and the rest of the app by no one", async ({
  page,
  browser,
  baseURL,
}) => {
  const keyName = `Framed ${Date.now().toString(36)}`;
  await createKey(page, baseURL, keyName);
  const link = await portalLinkFromAdmin(page, keyName);
  const site = await startIntegratorSite();
  const { page: host, errors } = await visitor(browser);
  const frame = () => host.frames().find((candidate) => candidate.name() === "portal");
  const framed = host.frameLocator('iframe[name="portal"]');
  const embed = (origin: string, src: string) => `${origin}/?src=${encodeURIComponent(src)}`;

  // A configured site (localhost, any port): the portal shows and works in its frame, without cookies.
  await host.goto(embed(`http://localhost:${site.port}`, link));
  await expect(framed.getByRole("heading", { name: "Hooks" })).toBeVisible();
  await framed.getByRole("navigation", { name: "Portal" }).getByRole("link", { name: "Events" }).click();
  await expect(framed.getByTestId("example-contact.created")).toBeVisible();
  await framed.getByRole("navigation", { name: "Portal" }).getByRole("link", { name: "Hooks" }).click();
  await framed.getByRole("button", { name: "New hook" }).click();
  await framed.getByLabel("Target URL").fill(`${receiver.url}/framed`);
  await framed.getByRole("button", { name: "Create hook" }).click();
  await expect(framed.getByTestId("hook-created")).toContainText("The hook is active.");
  await host.screenshot({ path: "test-results/portal-framed.png" });
  expect(errors).toEqual([]);

  // The same site can't frame the admin UI.
  await host.goto(embed(`http://localhost:${site.port}`, `${baseURL}/sign-in`));
  await expect.poll(() => frame()?.url()).toMatch(/^chrome-error:/);

  // A site not configured (the same server as 127.0.0.1) can't frame the portal.
  await host.goto(embed(`http://127.0.0.1:${site.port}`, link));
  await expect.poll(() => frame()?.url()).toMatch(/^chrome-error:/);
  await expect(framed.getByRole("heading", { name: "Hooks" })).toHaveCount(0);

  await host.close();
  await site.close();
  await deleteHooksTo(page, baseURL, `${receiver.url}/framed`);
});
