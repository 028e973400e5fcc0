import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as trpcRoute from "@/app/api/trpc/[trpc]/route";
import { pruneAuthRecords } from "@/server/auth/session.service";
import { lockSeconds } from "@/server/auth/sign-in-throttle";
import { useDatabase } from "@/server/database";
import { acceptPeerHeader, PEER_HEADER } from "@/server/lib/client-address";
import { createTestDatabase, type TestDatabase } from "@/server/testing/test-database";
import { createTrpcContext } from "../init";
import { createCaller } from "../root";

let database: TestDatabase;

beforeAll(async () => {
  // As Hookline's server does: every request carries its connection's address.
  acceptPeerHeader();
  database = await createTestDatabase();
  useDatabase(database);
});
afterAll(async () => {
  await database.close();
});

async function callerFor(options: { cookie?: string; ip?: string } = {}) {
  const headers = new Headers();
  if (options.cookie) headers.set("cookie", options.cookie);
  if (options.ip) headers.set(PEER_HEADER, options.ip);
  const resHeaders = new Headers();
  const ctx = await createTrpcContext({ db: database.db, headers, secure: false, resHeaders });
  return { caller: createCaller(ctx), resHeaders };
}

function sessionCookie(resHeaders: Headers): string {
  const setCookie = resHeaders.get("set-cookie") ?? "";
  expect(setCookie).toMatch(/HttpOnly/);
  expect(setCookie).toMatch(/SameSite=Lax/);
  return setCookie.split(";")[0] ?? "";
}

const ADMIN = { email: "root@example.com", password: "a long enough password" };

describe("auth", () => {
  it("sets up the first admin once, then refuses setup", async () => {
    const { caller, resHeaders } = await callerFor();
    expect(await caller.auth.status()).toEqual({ needsSetup: true, user: null });
    const user = await caller.auth.setup(ADMIN);
    expect(user.email).toBe(ADMIN.email);
    const cookie = sessionCookie(resHeaders);

    const signedIn = await callerFor({ cookie });
    expect(await signedIn.caller.auth.status()).toEqual({ needsSetup: false, user });
    await expect(
      (await callerFor()).caller.auth.setup({ email: "second@example.com", password: ADMIN.password }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("refuses a NUL character in any input as a field error, before it reaches the database", async () => {
    const { caller, resHeaders } = await callerFor();
    await caller.auth.signIn(ADMIN);
    const signedIn = await callerFor({ cookie: sessionCookie(resHeaders) });
    await expect(
      signedIn.caller.contact.create({ email: "nul@example.com", first_name: "A\u0000da" }),
    ).rejects.toMatchObject({
      code: "BAD_REQUEST",
      cause: { code: "validation_failed", details: [{ path: "first_name" }] },
    });
    expect((await signedIn.caller.contact.list({ email: "nul@example.com", limit: 1 })).data).toEqual([]);
  });

  it("requires a session for every admin procedure", async () => {
    const { caller } = await callerFor();
    await expect(caller.contact.list({ limit: 10 })).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    await expect(caller.apiKey.list()).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    await expect(caller.event.list({ limit: 10 })).rejects.toMatchObject({ code: "UNAUTHORIZED" });
  });

  it("signs in and out; the old cookie stops working", async () => {
    const { caller, resHeaders } = await callerFor();
    await caller.auth.signIn(ADMIN);
    const cookie = sessionCookie(resHeaders);
    const signedIn = await callerFor({ cookie });
    expect((await signedIn.caller.contact.list({ limit: 10 })).data).toEqual([]);
    await signedIn.caller.auth.signOut();
    expect(signedIn.resHeaders.get("set-cookie")).toMatch(/Max-Age=0/);
    await expect((await callerFor({ cookie })).caller.contact.list({ limit: 10 })).rejects.toMatchObject({
      code: "UNAUTHORIZED",
    });
  });

  it("slows down repeated failures for the account, even with the right password", async () => {
    const target = { email: "victim@example.com", password: "the victim's password" };
    await (await callerFor()).caller.auth.signIn(ADMIN); // another account, untouched below
    const { createUser } = await import("@/server/auth/user.service");
    await createUser(database.db, target);
    for (let attempt = 0; attempt < 5; attempt++) {
      const { caller } = await callerFor({ ip: `10.0.0.${attempt}` });
      await expect(caller.auth.signIn({ ...target, password: "guess" })).rejects.toMatchObject({
        code: "UNAUTHORIZED",
      });
    }
    const { caller } = await callerFor({ ip: "10.0.0.99" });
    await expect(caller.auth.signIn(target)).rejects.toMatchObject({ code: "TOO_MANY_REQUESTS" });
    // The lock is per account: the admin still signs in.
    await expect((await callerFor({ ip: "10.0.0.99" })).caller.auth.signIn(ADMIN)).resolves.toMatchObject({
      next: "signed_in",
      user: { email: ADMIN.email },
    });
  });

  it("prunes expired sessions and forgotten failures, and nothing else", async () => {
    const { caller, resHeaders } = await callerFor();
    await caller.auth.signIn(ADMIN);
    const live = sessionCookie(resHeaders);
    await database.db
      .updateTable("sessions")
      .set({ expires_at: new Date(Date.now() - 1000) })
      .where("id", "!=", "")
      .execute();
    const { caller: again, resHeaders: againHeaders } = await callerFor();
    await again.auth.signIn(ADMIN);
    const fresh = sessionCookie(againHeaders);
    await database.db
      .insertInto("sign_in_throttle")
      .values({ key: "ip:stale", failures: 3, updated_at: new Date(Date.now() - 2 * 86_400_000) })
      .execute();
    await pruneAuthRecords(database.db);
    expect(await database.db.selectFrom("sessions").select("id").execute()).toHaveLength(1);
    await expect((await callerFor({ cookie: live })).caller.contact.list({ limit: 1 })).rejects.toMatchObject(
      {
        code: "UNAUTHORIZED",
      },
    );
    await expect(
      (await callerFor({ cookie: fresh })).caller.contact.list({ limit: 1 }),
    ).resolves.toBeTruthy();
    const keys = (await database.db.selectFrom("sign_in_throttle").select("key").execute()).map(
      (row) => row.key,
    );
    expect(keys).not.toContain("ip:stale");
    expect(keys).toContain("email:victim@example.com");
  });

  it("doubles the lock with each failure past the free ones, capped at 15 minutes", () => {
    expect([4, 5, 6, 7, 30].map(lockSeconds)).toEqual([0, 1, 2, 4, 900]);
  });
});

describe("the tRPC endpoint", () => {
  async function post(headers: Record<string, string>) {
    const request = new Request("http://hookline.test/api/trpc/auth.signIn", {
      method: "POST",
      headers: { host: "hookline.test", ...headers },
      body: JSON.stringify(ADMIN),
    });
    return trpcRoute.POST(request);
  }

  it("accepts same-origin JSON mutations", async () => {
    const response = await post({ origin: "http://hookline.test", "content-type": "application/json" });
    expect(response.status).toBe(200);
    expect(response.headers.get("set-cookie")).toMatch(/^hookline_session=/);
  });

  it("refuses cross-origin, origin-less and non-JSON mutations", async () => {
    expect((await post({ origin: "https://evil.example", "content-type": "application/json" })).status).toBe(
      403,
    );
    expect((await post({ "content-type": "application/json" })).status).toBe(403);
    expect((await post({ origin: "http://hookline.test", "content-type": "text/plain" })).status).toBe(415);
  });

  it("answers input it refuses with the issues' own words, not their JSON", async () => {
    const request = new Request("http://hookline.test/api/trpc/auth.setup", {
      method: "POST",
      headers: { host: "hookline.test", origin: "http://hookline.test", "content-type": "application/json" },
      body: JSON.stringify({ email: "not an email", password: "short" }),
    });
    const response = await trpcRoute.POST(request);
    expect(response.status).toBe(400);
    const { error } = (await response.json()) as {
      error: {
        message: string;
        data: { appCode: string; details: Array<{ path: string; message: string }> };
      };
    };
    expect(error.message).toBe("Enter a valid email address. Use at least 10 characters for the password.");
    expect(error.data.appCode).toBe("validation_failed");
    expect(error.data.details.map((detail) => detail.path)).toEqual(["email", "password"]);
  });

  it("uses a __Host- Secure cookie behind https", async () => {
    const response = await post({
      origin: "https://hookline.test",
      "content-type": "application/json",
      "x-forwarded-proto": "https",
    });
    expect(response.headers.get("set-cookie")).toMatch(/^__Host-hookline_session=.*; Secure/);
  });
});
