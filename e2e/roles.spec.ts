// Roles in the browser: the first owner invites a marketer and a viewer; each joins through their
// one-time link, signs in with the password they chose, and finds what their role may do working,
// what it may not disabled with the reason beside it, no secret anywhere, and not one 403 on the way.
import { type BrowserContext, expect, type Page, test } from "@playwright/test";
import { deleteHooksTo } from "./admin-api";
import { inviteUser, signIn } from "./fixtures";
import { type HookReceiver, startHookReceiver } from "./hook-receiver";

let receiver: HookReceiver;
test.beforeAll(async () => {
  receiver = await startHookReceiver();
});
test.afterAll(async () => {
  await receiver.close();
});

/** Every answer the page got that said 403 (or any server error): a role's UI must cause none. */
function watchRefusals(page: Page): string[] {
  const refused: string[] = [];
  page.on("response", (response) => {
    if (response.status() === 403 || response.status() >= 500) {
      refused.push(`${response.status()} ${response.url()}`);
    }
  });
  return refused;
}

async function trpc(page: Page, baseURL: string | undefined, path: string, data: unknown) {
  const response = await page.request.post(`/api/trpc/${path}`, {
    data,
    headers: { "content-type": "application/json", origin: String(baseURL) },
  });
  expect(response.ok(), await response.text()).toBe(true);
  return (await response.json()).result.data;
}

/** Signs out and back in with the chosen password: the invitation really made their account. */
async function signInAgain(them: Page, credentials: { email: string; password: string }) {
  await them.getByRole("button", { name: "Sign out" }).click();
  await expect(them).toHaveURL(/\/sign-in$/);
  await signIn(them, credentials);
  await expect(them.getByRole("heading", { name: "Dashboard" })).toBeVisible();
}

async function expectDisabledBecause(page: Page, name: string | RegExp, reason: string) {
  const button = page.getByRole("button", { name }).first();
  await expect(button).toBeDisabled();
  await expect(button).toHaveAttribute("title", reason);
}

test("a marketer and a viewer join by invitation and see what they can and cannot do", async ({
  browser,
  page,
  baseURL,
}) => {
  test.setTimeout(180_000);
  const stamp = Date.now().toString(36);
  const contact = await trpc(page, baseURL, "contact.create", { email: `roles-${stamp}@example.com` });
  const hook = await trpc(page, baseURL, "hook.create", {
    target_url: `${receiver.url}/roles-${stamp}`,
    events: ["contact.created"],
  });
  expect(hook.secret).toMatch(/^whsec_/);
  const contexts: BrowserContext[] = [];

  try {
    // The marketer.
    const marketer = {
      email: `mia-${stamp}@example.com`,
      password: "mia's own password",
      role: "Marketer",
    } as const;
    const asMarketer = await inviteUser(browser, page, marketer);
    contexts.push(asMarketer.context);
    const m = asMarketer.them;
    const marketerRefusals = watchRefusals(m);
    await signInAgain(m, marketer);
    await expect(m.getByTestId("signed-in-role")).toHaveText("Marketer");
    const nav = m.getByRole("navigation", { name: "Main" });
    await expect(nav.getByRole("link", { name: "Contacts" })).toBeVisible();
    await expect(nav.getByRole("link", { name: "API keys" })).toHaveCount(0);
    await expect(nav.getByRole("link", { name: "Audit log" })).toHaveCount(0);
    await m.goto("/audit");
    await expect(m.getByText("Marketers can't see the audit log.")).toBeVisible();

    // Contacts are theirs to change.
    await m.goto("/contacts");
    await m.getByRole("link", { name: "New contact" }).first().click();
    await m.getByLabel("Email").fill(`from-mia-${stamp}@example.com`);
    await m.getByRole("button", { name: "Create contact" }).click();
    await expect(m).toHaveURL(/\/contacts\/ctc_[0-9A-Za-z]+$/);
    await expect(m.getByRole("button", { name: "Delete" })).toBeEnabled();

    // Hooks are read-only, and no secret is offered.
    await m.goto("/hooks");
    await expectDisabledBecause(m, "New hook", "Marketers can't change hooks or see their secrets.");
    await m.goto(`/hooks/${hook.id}`);
    await expect(m.getByRole("heading", { name: "Delivery history" })).toBeVisible();
    await expectDisabledBecause(m, "Rotate secret", "Marketers can't change hooks or see their secrets.");
    await expectDisabledBecause(m, "Ping", "Marketers can't send, redeliver or recover deliveries.");
    await expectDisabledBecause(m, /^Delete /, "Marketers can't change hooks or see their secrets.");
    await expect(m.getByRole("button", { name: "Save settings" })).toBeDisabled();
    await expect(m.getByTestId("secret-reveal")).toHaveCount(0);
    await expect(m.getByText(/whsec_[A-Za-z0-9+/]{10}/)).toHaveCount(0);

    // No API keys, no settings but their own account.
    await m.goto("/api-keys");
    await expect(m.getByText("Marketers can't see API keys.")).toBeVisible();
    await expect(m.getByRole("table", { name: "API keys" })).toHaveCount(0);
    await m.goto("/settings");
    await expect(m.getByTestId("account-email")).toHaveText(marketer.email);
    await expect(m.getByText("Marketers can't see Hookline's settings.")).toBeVisible();
    await expect(m.getByRole("table", { name: "Users" })).toHaveCount(0);
    await expect(m.getByRole("button", { name: "Set up two-factor sign-in" })).toBeEnabled();
    // Refused by the server too, whatever the page shows.
    const forced = await m.request.post("/api/trpc/hook.rotateSecret", {
      data: { id: hook.id },
      headers: { "content-type": "application/json", origin: String(baseURL) },
    });
    expect(forced.status()).toBe(403);
    expect(await forced.text()).not.toContain("whsec_");
    // (Requests made outside the page, like the one above, are not among the page's answers.)
    expect(marketerRefusals).toEqual([]);

    // The viewer.
    const viewer = {
      email: `vic-${stamp}@example.com`,
      password: "vic's own password",
      role: "Viewer",
    } as const;
    const asViewer = await inviteUser(browser, page, viewer);
    contexts.push(asViewer.context);
    const v = asViewer.them;
    const viewerRefusals = watchRefusals(v);
    await signInAgain(v, viewer);
    await expect(v.getByTestId("signed-in-role")).toHaveText("Viewer");

    await v.goto("/contacts");
    await expect(v.getByRole("table", { name: "Contacts" })).toBeVisible();
    await expectDisabledBecause(v, "New contact", "Viewers can't change contacts.");
    await expect(v.getByRole("checkbox", { name: /^Select / })).toHaveCount(0);
    await v.goto(`/contacts/${contact.id}`);
    await expect(v.getByRole("heading", { name: contact.email })).toBeVisible();
    await expectDisabledBecause(v, "Edit", "Viewers can't change contacts.");
    await expectDisabledBecause(v, "Delete", "Viewers can't change contacts.");
    await expect(v.getByLabel("Add a tag")).toBeDisabled();
    await v.goto(`/contacts/${contact.id}/edit`);
    await expect(v.getByText("Viewers can't change contacts.")).toBeVisible();
    await expect(v.getByLabel("Email")).toHaveCount(0);

    await v.goto("/imports");
    await expect(v.getByText("Viewers can't import contacts.")).toBeVisible();
    await v.goto("/automations");
    await expect(v.getByText("Viewers can't change automations.")).toBeVisible();

    await v.goto(`/hooks/${hook.id}`);
    await expectDisabledBecause(v, "Rotate secret", "Viewers can't change hooks or see their secrets.");
    await expect(v.getByText(/whsec_[A-Za-z0-9+/]{10}/)).toHaveCount(0);

    await v.goto("/audit");
    await expect(v.getByText("Viewers can't see the audit log.")).toBeVisible();
    await v.goto("/api-keys");
    await expect(v.getByRole("table", { name: "API keys" })).toBeVisible();
    await expect(v.getByText("Viewers can't create, rename or revoke API keys.")).toBeVisible();

    await v.goto("/settings");
    const users = v.getByRole("table", { name: "Users" });
    await expect(users.getByRole("row").filter({ hasText: marketer.email })).toContainText("Marketer");
    await expect(users.getByRole("combobox", { name: `Role of ${marketer.email}` })).toBeDisabled();
    await expectDisabledBecause(
      v,
      `Delete ${marketer.email}`,
      "Viewers can't invite, change or remove users.",
    );
    await expect(v.getByText("Viewers can't invite, change or remove users.").first()).toBeVisible();
    await expect(v.getByLabel("Name")).toBeDisabled();
    await expectDisabledBecause(v, "Save public pages", "Viewers can't change Hookline's settings.");
    expect(viewerRefusals).toEqual([]);

    // The owner sees both in the list with their roles, and no invitation left pending for them.
    await page.goto("/settings");
    await page.getByRole("region", { name: "Invite someone" }).getByLabel("Email");
    await page.getByRole("region", { name: "Invite someone" }).getByRole("button", { name: "Invite" });
    const list = page.getByRole("table", { name: "Users" });
    await expect(list.getByRole("combobox", { name: `Role of ${viewer.email}` })).toHaveValue("viewer");
    await expect(
      page.getByRole("region", { name: "Pending invitations" }).getByText(viewer.email),
    ).toHaveCount(0);
  } finally {
    for (const context of contexts) await context.close();
    await deleteHooksTo(page, baseURL, receiver.url);
  }
});
