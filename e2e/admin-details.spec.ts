// The small things a full walk of the admin found: each one checked where an admin would see it.
import { expect, test } from "@playwright/test";
import { adminApi } from "./admin-api";

test("the API docs state no limit where an integer has none", async ({ page }) => {
  await page.goto("/docs/api");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await expect(page.locator("body")).not.toContainText("9007199254740991");
});

test("an unknown address gets Hookline's own not-found page", async ({ page }) => {
  const response = await page.goto("/no/such/page");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1, name: "Page not found" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Go to the dashboard" })).toBeVisible();
  // Styled: the app's stylesheet is there (the page background is slate-50, not the browser's white).
  const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  expect(background).not.toBe("rgba(0, 0, 0, 0)");
  expect(background).not.toBe("rgb(255, 255, 255)");
});

test("a contact's page shows what happens to the contact without a reload", async ({ page, baseURL }) => {
  const { rest } = await adminApi(page, baseURL, "Live contact");
  const contact = await rest<{ id: string }>("POST", "/api/v1/contacts", {
    email: `live-${Date.now().toString(36)}@example.com`,
  });
  await page.goto(`/contacts/${contact.id}`);
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await rest("POST", `/api/v1/contacts/${contact.id}/tags`, { tag: "added-elsewhere" });
  await expect(page.getByText("added-elsewhere").first()).toBeVisible({ timeout: 12_000 });
  await expect(page.getByRole("link", { name: "contact.tag_added" })).toBeVisible({ timeout: 12_000 });
});

test("the contacts table keeps its header where it is when nothing matches", async ({ page, baseURL }) => {
  const { rest } = await adminApi(page, baseURL, "Header");
  await rest("POST", "/api/v1/contacts", { email: `header-${Date.now().toString(36)}@example.com` });
  const header = async () => {
    const cells = page.locator("thead th");
    const boxes = await cells.evaluateAll((ths) =>
      ths.map((th) => {
        const box = th.getBoundingClientRect();
        return { x: Math.round(box.x), height: Math.round(box.height) };
      }),
    );
    return boxes;
  };
  await page.goto("/contacts");
  await expect(page.locator("tbody tr").first().getByRole("checkbox")).toBeVisible();
  const full = await header();
  await page.getByLabel("Search").fill("no-such-contact-anywhere");
  await expect(page.getByText("No contacts match")).toBeVisible();
  expect(await header()).toEqual(full);
});

test("the hooks list's health header is one line", async ({ page }) => {
  await page.goto("/hooks");
  const health = page.locator("thead th", { hasText: "Last 24 h" });
  const email = page.locator("thead th").first();
  await expect(health).toBeVisible();
  expect((await health.boundingBox())?.height).toBe((await email.boundingBox())?.height);
});

test("the column mapping fits the page and counts rows in words", async ({ page, baseURL }) => {
  const upload = await page.request.post("/imports/upload?name=one.csv", {
    data: "Email,First name,Last name,Phone,Company,Plan,Notes,Source\none@example.com,One,Row,+1 555,Acme,pro,x,web\n",
    headers: { "content-type": "text/csv", origin: String(baseURL) },
  });
  const { id } = await upload.json();
  for (const width of [1440, 390]) {
    await page.setViewportSize({ width, height: 900 });
    await page.goto(`/imports/${id}`);
    await expect(page.getByRole("button", { name: "Import 1 row", exact: true })).toBeVisible();
    const selects = page.getByRole("combobox", { name: /^Field for column/ });
    await expect(selects).toHaveCount(8);
    for (const box of await selects.evaluateAll((all) => all.map((el) => el.getBoundingClientRect().right))) {
      expect(box).toBeLessThanOrEqual(width);
    }
  }
});

test("absolute times are 24 h, name their zone, and follow the admin's time-zone setting", async ({
  page,
  baseURL,
}) => {
  const { rest } = await adminApi(page, baseURL, "Time zone");
  const contact = await rest<{ id: string; created_at: string }>("POST", "/api/v1/contacts", {
    email: `zone-${Date.now().toString(36)}@example.com`,
  });
  await page.goto("/settings");
  // The "Now:" hint appears once the form is hydrated; a choice made before that would be lost.
  await expect(page.getByText(/^Now: /)).toBeVisible();
  await page.getByLabel("Show times in").selectOption("Asia/Tokyo");
  await expect(page.getByText(/^Now: .*GMT\+9$/)).toBeVisible();
  await page.getByRole("button", { name: "Save time zone" }).click();
  await expect(page.getByText("Saved.")).toBeVisible();

  await page.goto(`/contacts/${contact.id}`);
  const tokyo = new Intl.DateTimeFormat("en-GB", {
    timeZone: "Asia/Tokyo",
    hourCycle: "h23",
    hour: "2-digit",
    minute: "2-digit",
  }).format(new Date(contact.created_at));
  const created = page.locator(`time[datetime="${contact.created_at}"]`).filter({ hasText: "GMT+9" });
  await expect(created).toContainText(tokyo);
  await expect(created).toHaveText(/^\d{1,2} [A-Z][a-z]{2} \d{4}, \d{2}:\d{2}:\d{2} GMT\+9$/);
  await page.goto("/");
  await expect(page.getByText(/Updated \d{2}:\d{2}:\d{2} GMT\+9/)).toBeVisible();

  await page.goto("/settings");
  await expect(page.getByText(/^Now: .*GMT\+9$/)).toBeVisible();
  await page.getByLabel("Show times in").selectOption("");
  await page.getByRole("button", { name: "Save time zone" }).click();
  await expect(page.getByText("Saved.")).toBeVisible();
});
