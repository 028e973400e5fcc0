// The public subscribe endpoint, called as Next calls it, against this file's own database.
import { sql } from "kysely";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { OPTIONS, POST } from "@/app/api/public/subscribe/route";
import { overrideConfig } from "@/server/config/config";
import { createContact, setContactStatus } from "@/server/contacts/contact.service";
import { useDatabase } from "@/server/database";
import type { Actor } from "@/server/events/actor";
import { acceptPeerHeader, PEER_HEADER } from "@/server/lib/client-address";
import { createTestDatabase, type TestDatabase } from "@/server/testing/test-database";

let database: TestDatabase;
const admin: Actor = { source: "admin", userId: "usr_test", email: "admin@example.com" };
let ipCounter = 0;

beforeAll(async () => {
  // As Hookline's server does: every request carries its connection's address.
  acceptPeerHeader();
  database = await createTestDatabase();
  useDatabase(database);
});
afterAll(async () => {
  await database.close();
});
let restoreOrigins: (() => void) | undefined;
afterEach(() => {
  restoreOrigins?.();
  restoreOrigins = undefined;
});

/** Each test its own client IP, so the rate limit of one test can't leak into another. */
function freshIp(): string {
  ipCounter++;
  return `203.0.113.${ipCounter}`;
}

function post(body: unknown, options: { ip: string; origin?: string; form?: boolean }): Promise<Response> {
  const headers: Record<string, string> = {
    "content-type": options.form ? "application/x-www-form-urlencoded" : "application/json",
    [PEER_HEADER]: options.ip,
    host: "hookline.test",
  };
  if (options.origin) headers.origin = options.origin;
  const payload = options.form
    ? new URLSearchParams(body as Record<string, string>).toString()
    : JSON.stringify(body);
  return POST(
    new Request("http://hookline.test/api/public/subscribe", { method: "POST", headers, body: payload }),
  );
}

async function answer(response: Response) {
  return { status: response.status, body: await response.text() };
}

function eventsFor(email: string) {
  return database.db
    .selectFrom("events")
    .select(["type", "source", "actor"])
    .where(sql<boolean>`payload->>'email' = ${email}`)
    .orderBy("id")
    .execute();
}

async function countRows(table: "contacts" | "events"): Promise<number> {
  const row = await database.db
    .selectFrom(table)
    .select(sql<number>`count(*)::int`.as("n"))
    .executeTakeFirstOrThrow();
  return row.n;
}

describe("POST /api/public/subscribe", () => {
  it("creates the contact as the contact itself (source public, initiated by contact)", async () => {
    const response = await post({ email: " New.Person@Example.com ", first_name: "New" }, { ip: freshIp() });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ok: true, message: "Thanks! You're on the list." });
    const contact = await database.db
      .selectFrom("contacts")
      .select(["email", "first_name", "status"])
      .where("email", "=", "new.person@example.com")
      .executeTakeFirstOrThrow();
    expect(contact).toEqual({ email: "new.person@example.com", first_name: "New", status: "subscribed" });
    expect(await eventsFor("new.person@example.com")).toEqual([
      { type: "contact.created", source: "public", actor: "contact" },
    ]);
  });

  it("re-subscribes an unsubscribed contact, leaves a bounced one bounced, and never touches their data", async () => {
    const gone = await createContact(database.db, {
      actor: admin,
      input: { email: "gone@example.com", first_name: "Real" },
    });
    await setContactStatus(database.db, { actor: admin, id: gone.id, status: "unsubscribed" });
    const bounced = await createContact(database.db, {
      actor: admin,
      input: { email: "bounced@example.com" },
    });
    await setContactStatus(database.db, { actor: admin, id: bounced.id, status: "bounced" });

    expect((await post({ email: "gone@example.com", first_name: "Fake" }, { ip: freshIp() })).status).toBe(
      200,
    );
    expect((await post({ email: "bounced@example.com" }, { ip: freshIp() })).status).toBe(200);

    const rows = await database.db
      .selectFrom("contacts")
      .select(["email", "first_name", "status"])
      .where("email", "in", ["gone@example.com", "bounced@example.com"])
      .orderBy("email")
      .execute();
    expect(rows).toEqual([
      { email: "bounced@example.com", first_name: null, status: "bounced" },
      { email: "gone@example.com", first_name: "Real", status: "subscribed" },
    ]);
    expect((await eventsFor("gone@example.com")).at(-1)).toEqual({
      type: "contact.subscribed",
      source: "public",
      actor: "contact",
    });
    expect((await eventsFor("bounced@example.com")).map((event) => event.type)).toEqual([
      "contact.created",
      "contact.bounced",
    ]);
  });

  it("answers a known email exactly like a new one (no enumeration)", async () => {
    await createContact(database.db, { actor: admin, input: { email: "known@example.com" } });
    const known = await answer(await post({ email: "known@example.com" }, { ip: freshIp() }));
    const unknown = await answer(await post({ email: "unknown-yet@example.com" }, { ip: freshIp() }));
    expect(known).toEqual(unknown);
    expect(known.status).toBe(200);
  });

  it("pretends success to a filled honeypot and writes nothing", async () => {
    const contactsBefore = await countRows("contacts");
    const eventsBefore = await countRows("events");
    const trapped = await answer(
      await post({ email: "bot@example.com", website: "http://spam.example" }, { ip: freshIp() }),
    );
    const real = await answer(await post({ email: "human@example.com" }, { ip: freshIp() }));
    expect(trapped).toEqual(real);
    expect(await countRows("contacts")).toBe(contactsBefore + 1);
    expect(await countRows("events")).toBe(eventsBefore + 1);
    expect(await eventsFor("bot@example.com")).toEqual([]);
  });

  it("refuses an invalid email with validation_failed and writes nothing", async () => {
    const before = await countRows("contacts");
    const response = await post({ email: "not-an-email" }, { ip: freshIp() });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({
      error: {
        code: "validation_failed",
        details: [{ path: "email", message: "Enter a valid email address." }],
      },
    });
    expect(await countRows("contacts")).toBe(before);
  });

  it("holds the rate limit per IP: the 11th request in the window gets 429 with Retry-After", async () => {
    const ip = freshIp();
    for (let i = 0; i < 10; i++) {
      expect((await post({ email: `burst-${i}@example.com` }, { ip })).status).toBe(200);
    }
    const limited = await post({ email: "burst-10@example.com" }, { ip });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(500);
    expect(Number(limited.headers.get("retry-after"))).toBeLessThanOrEqual(600);
    expect(await limited.json()).toMatchObject({ error: { code: "rate_limited" } });
    expect(await eventsFor("burst-10@example.com")).toEqual([]);
    // Another visitor is not held back by this one.
    expect((await post({ email: "someone-else@example.com" }, { ip: freshIp() })).status).toBe(200);
    // Once the window has passed, the same IP may post again.
    await database.db
      .updateTable("public_rate_limits")
      .set({ window_start: sql`now() - interval '11 minutes'` })
      .where("key", "=", `subscribe:${ip}`)
      .execute();
    expect((await post({ email: "burst-10@example.com" }, { ip })).status).toBe(200);
  });

  it("answers CORS preflights for listed origins only, and refuses writes from unlisted sites", async () => {
    restoreOrigins = overrideConfig({
      HOOKLINE_SUBSCRIBE_ORIGINS: "https://shop.example, https://www.shop.example/",
    });
    const preflight = (origin: string) =>
      OPTIONS(
        new Request("http://hookline.test/api/public/subscribe", {
          method: "OPTIONS",
          headers: {
            origin,
            "access-control-request-method": "POST",
            "access-control-request-headers": "content-type",
          },
        }),
      );
    const allowed = await preflight("https://www.shop.example");
    expect(allowed.status).toBe(204);
    expect(allowed.headers.get("access-control-allow-origin")).toBe("https://www.shop.example");
    expect(allowed.headers.get("access-control-allow-methods")).toContain("POST");
    expect(allowed.headers.get("access-control-allow-headers")).toContain("content-type");
    const refused = await preflight("https://evil.example");
    expect(refused.headers.get("access-control-allow-origin")).toBeNull();

    const fromShop = await post(
      { email: "cors@example.com" },
      { ip: freshIp(), origin: "https://shop.example" },
    );
    expect(fromShop.status).toBe(200);
    expect(fromShop.headers.get("access-control-allow-origin")).toBe("https://shop.example");

    const fromEvil = await post(
      { email: "evil@example.com" },
      { ip: freshIp(), origin: "https://evil.example" },
    );
    expect(fromEvil.status).toBe(403);
    expect(fromEvil.headers.get("access-control-allow-origin")).toBeNull();
    expect(await eventsFor("evil@example.com")).toEqual([]);

    // Our own hosted page is always allowed.
    const own = await post({ email: "own@example.com" }, { ip: freshIp(), origin: "http://hookline.test" });
    expect(own.status).toBe(200);
  });

  it("takes a plain HTML form post and redirects back to the hosted page", async () => {
    const done = await post({ email: "form@example.com", first_name: "Form" }, { ip: freshIp(), form: true });
    expect(done.status).toBe(303);
    expect(done.headers.get("location")).toBe("/subscribe?done=1");
    expect(await eventsFor("form@example.com")).toEqual([
      { type: "contact.created", source: "public", actor: "contact" },
    ]);
    const invalid = await post({ email: "nope" }, { ip: freshIp(), form: true });
    expect(invalid.status).toBe(303);
    expect(invalid.headers.get("location")).toBe("/subscribe?error=validation_failed");
  });
});
