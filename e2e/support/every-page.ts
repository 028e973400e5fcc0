import { expect, type Page } from "@playwright/test";
import { adminApi } from "../admin-api";
import type { HookReceiver } from "../hook-receiver";

/**
 * A contact, a hook that received its event, and an import, then the address of every admin page:
 * one of every kind, for specs that walk them all.
 */
export async function seedEveryAdminPage(
  page: Page,
  baseURL: string | undefined,
  receiver: HookReceiver,
  keyName: string,
): Promise<{ pages: string[]; contactId: string }> {
  const { rest, origin } = await adminApi(page, baseURL, keyName);
  const stamp = Date.now().toString(36);
  const hook = await rest<{ id: string }>("POST", "/api/v1/hooks", {
    target_url: `${receiver.url}/a-rather-long-path/that/does-not/fit/on/a/phone/${stamp}`,
    event: "contact.created",
  });
  const contact = await rest<{ id: string }>("POST", "/api/v1/contacts", {
    email: `phone-${stamp}-with-a-long-address@example.com`,
    first_name: "Phone",
    tags: ["phone", "a-rather-long-tag-name"],
    fields: { company: "Example Incorporated International" },
  });
  await expect.poll(() => receiver.deliveries.length, { timeout: 15_000 }).toBeGreaterThan(0);
  const upload = await page.request.post("/imports/upload?name=phone.csv", {
    data: "email,first_name\nphone-import@example.com,Imported\n",
    headers: { "content-type": "text/csv", origin },
  });
  const draft = await upload.json();
  const deliveries = await rest<{ data: Array<{ id: string; event_id: string }> }>(
    "GET",
    `/api/v1/hooks/${hook.id}/deliveries`,
  );
  const delivery = deliveries.data[0];
  if (!delivery) throw new Error("the hook received its delivery, so it lists one");
  return {
    contactId: contact.id,
    pages: [
      "/",
      "/contacts",
      "/contacts/new",
      `/contacts/${contact.id}`,
      `/contacts/${contact.id}/edit`,
      "/events",
      `/events/${delivery.event_id}`,
      "/imports",
      `/imports/${draft.id}`,
      "/automations",
      "/hooks",
      "/hooks/new",
      `/hooks/${hook.id}`,
      `/hooks/${hook.id}/deliveries/${delivery.id}`,
      "/api-keys",
      "/settings",
    ],
  };
}
