// Unsubscribe links: signed tokens, and the /u/<token> route as Next calls it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET, POST } from "@/app/u/[token]/route";
import { overrideConfig } from "@/server/config/config";
import {
  createContact,
  deleteContact,
  getContact,
  setContactStatus,
} from "@/server/contacts/contact.service";
import { useDatabase } from "@/server/database";
import type { Actor } from "@/server/events/actor";
import { createTestDatabase, type TestDatabase } from "@/server/testing/test-database";
import { clearAppSecretCache } from "./app-secret";
import { unsubscribeToken, unsubscribeUrl, verifyUnsubscribeToken } from "./unsubscribe.service";

let database: TestDatabase;
const admin: Actor = { source: "admin", userId: "usr_test", email: "admin@example.com" };

overrideConfig({ HOOKLINE_SESSION_SECRET: "" });

beforeAll(async () => {
  database = await createTestDatabase();
  useDatabase(database);
});
afterAll(async () => {
  await database.close();
});

const context = (token: string) => ({ params: Promise.resolve({ token }) });

function get(token: string) {
  return GET(new Request(`http://hookline.test/u/${token}`), context(token));
}

function post(token: string, body: string) {
  return POST(
    new Request(`http://hookline.test/u/${token}`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body,
    }),
    context(token),
  );
}

async function newContact(email: string) {
  return createContact(database.db, { actor: admin, input: { email } });
}

async function lastEvent(contactId: string) {
  return database.db
    .selectFrom("events")
    .select(["type", "source", "actor"])
    .where("contact_id", "=", contactId)
    .orderBy("id", "desc")
    .executeTakeFirstOrThrow();
}

describe("unsubscribe tokens", () => {
  it("verify for their own contact only; forged, altered and swapped tokens are refused", async () => {
    const ada = await newContact("ada@example.com");
    const bob = await newContact("bob@example.com");
    const token = await unsubscribeToken(database.db, ada.id);
    expect(token).toMatch(/^ctc_\w+\.[\w-]{43}$/);
    expect(await verifyUnsubscribeToken(database.db, token)).toBe(ada.id);

    const signature = token.slice(token.indexOf(".") + 1);
    const flipped = `${signature.slice(0, -1)}${signature.endsWith("A") ? "B" : "A"}`;
    const forged = [
      `${ada.id}.${flipped}`, // altered signature
      `${bob.id}.${signature}`, // Ada's signature on Bob's id
      `${bob.id}.${"A".repeat(43)}`, // made up
      `${ada.id}.${signature.slice(0, 20)}`, // truncated
      `${ada.id}`,
      `${ada.id}.`,
      `not-an-id.${signature}`,
      "",
    ];
    for (const candidate of forged) expect(await verifyUnsubscribeToken(database.db, candidate)).toBeNull();
  });

  it("survive a restart: the generated secret is kept in the database", async () => {
    const contact = await newContact("restart@example.com");
    const before = await unsubscribeToken(database.db, contact.id);
    clearAppSecretCache(database.db);
    expect(await unsubscribeToken(database.db, contact.id)).toBe(before);
    const stored = await database.db.selectFrom("app_secrets").select("name").execute();
    expect(stored.map((row) => row.name)).toEqual(["unsubscribe_links"]);
  });

  it("use HOOKLINE_SESSION_SECRET when it is set", async () => {
    const contact = await newContact("env@example.com");
    const generated = await unsubscribeToken(database.db, contact.id);
    const restore = overrideConfig({ HOOKLINE_SESSION_SECRET: "operator-provided-secret-of-enough-length" });
    try {
      const fromEnv = await unsubscribeToken(database.db, contact.id);
      expect(fromEnv).not.toBe(generated);
      expect(await verifyUnsubscribeToken(database.db, fromEnv)).toBe(contact.id);
      expect(await verifyUnsubscribeToken(database.db, generated)).toBeNull();
    } finally {
      restore();
    }
  });

  it("build an absolute URL from HOOKLINE_PUBLIC_URL, and refuse unknown contacts", async () => {
    const contact = await newContact("url@example.com");
    const restore = overrideConfig({ HOOKLINE_PUBLIC_URL: "https://lists.example.org" });
    try {
      const link = await unsubscribeUrl(database.db, contact.id);
      expect(link.path).toBe(`/u/${await unsubscribeToken(database.db, contact.id)}`);
      expect(link.url).toBe(`https://lists.example.org${link.path}`);
    } finally {
      restore();
    }
    expect((await unsubscribeUrl(database.db, contact.id)).url).toBeNull();
    await expect(unsubscribeUrl(database.db, "ctc_missing")).rejects.toMatchObject({ code: "not_found" });
  });
});

describe("/u/<token>", () => {
  it("GET shows the confirmation and changes nothing (mail scanners prefetch links)", async () => {
    const contact = await newContact("prefetch@example.com");
    const token = await unsubscribeToken(database.db, contact.id);
    for (let i = 0; i < 3; i++) {
      const response = await get(token);
      expect(response.status).toBe(200);
      expect(response.headers.get("cache-control")).toBe("no-store");
      expect(response.headers.get("referrer-policy")).toBe("no-referrer");
      const html = await response.text();
      expect(html).toContain("Unsubscribe?");
      expect(html).toContain('name="choice" value="unsubscribe"');
      expect(html).toContain("pr••••••@example.com");
    }
    expect((await getContact(database.db, { id: contact.id })).status).toBe("subscribed");
    expect((await lastEvent(contact.id)).type).toBe("contact.created");
  });

  it("the confirming form POST unsubscribes as the contact, then shows the result", async () => {
    const contact = await newContact("confirm@example.com");
    const token = await unsubscribeToken(database.db, contact.id);
    const response = await post(token, "choice=unsubscribe");
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe(`/u/${token}`);
    expect((await getContact(database.db, { id: contact.id })).status).toBe("unsubscribed");
    expect(await lastEvent(contact.id)).toEqual({
      type: "contact.unsubscribed",
      source: "public",
      actor: "contact",
    });
    expect(await (await get(token)).text()).toContain("You're unsubscribed");

    // Changed their mind: the same link subscribes again.
    expect((await post(token, "choice=resubscribe")).status).toBe(303);
    expect(await lastEvent(contact.id)).toEqual({
      type: "contact.subscribed",
      source: "public",
      actor: "contact",
    });
  });

  it("an RFC 8058 one-click POST unsubscribes directly", async () => {
    const contact = await newContact("oneclick@example.com");
    const token = await unsubscribeToken(database.db, contact.id);
    const response = await post(token, "List-Unsubscribe=One-Click");
    expect(response.status).toBe(200);
    expect((await getContact(database.db, { id: contact.id })).status).toBe("unsubscribed");
    expect(await lastEvent(contact.id)).toEqual({
      type: "contact.unsubscribed",
      source: "public",
      actor: "contact",
    });
    // Again: still fine, and no second event.
    expect((await post(token, "List-Unsubscribe=One-Click")).status).toBe(200);
    const events = await database.db
      .selectFrom("events")
      .select("type")
      .where("contact_id", "=", contact.id)
      .execute();
    expect(events.map((event) => event.type)).toEqual(["contact.created", "contact.unsubscribed"]);
  });

  it("refuses forged or other-contact tokens and changes nothing", async () => {
    const victim = await newContact("victim@example.com");
    const attacker = await newContact("attacker@example.com");
    const attackerToken = await unsubscribeToken(database.db, attacker.id);
    const swapped = `${victim.id}.${attackerToken.slice(attackerToken.indexOf(".") + 1)}`;
    for (const token of [swapped, `${victim.id}.${"x".repeat(43)}`, "garbage"]) {
      const page = await get(token);
      expect(page.status).toBe(404);
      expect(await page.text()).toContain("This link can't be used");
      expect((await post(token, "List-Unsubscribe=One-Click")).status).toBe(404);
      expect((await post(token, "choice=unsubscribe")).status).toBe(404);
    }
    expect((await getContact(database.db, { id: victim.id })).status).toBe("subscribed");
  });

  it("shows a deleted contact's link the same neutral page as a forged one", async () => {
    const contact = await newContact("deleted@example.com");
    const token = await unsubscribeToken(database.db, contact.id);
    await deleteContact(database.db, { actor: admin, id: contact.id });
    const deleted = await get(token);
    const forged = await get(`${contact.id}.${"A".repeat(43)}`);
    expect(deleted.status).toBe(404);
    expect(await deleted.text()).toBe(await forged.text());
    expect((await post(token, "List-Unsubscribe=One-Click")).status).toBe(404);
  });

  it("keeps a bounced contact bounced, and refuses a POST without a choice", async () => {
    const contact = await newContact("bounce@example.com");
    await setContactStatus(database.db, { actor: admin, id: contact.id, status: "bounced" });
    const token = await unsubscribeToken(database.db, contact.id);
    expect((await post(token, "List-Unsubscribe=One-Click")).status).toBe(200);
    expect((await getContact(database.db, { id: contact.id })).status).toBe("bounced");
    expect((await post(token, "")).status).toBe(400);
    expect((await post(token, "choice=delete-everything")).status).toBe(400);
  });
});
