import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSession } from "@/server/auth/session.service";
import { sessionCookieName } from "@/server/auth/session-cookie";
import { createUser } from "@/server/auth/user.service";
import { waitForLockWaits } from "@/server/testing/lock-waits";
import { createTestDatabase, type TestDatabase } from "@/server/testing/test-database";
import { turnOnTwoFactor } from "@/server/testing/two-factor";
import { createTrpcContext } from "../init";
import { createCaller } from "../root";

let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database.close();
});

async function callerFor(cookie?: string) {
  const headers = new Headers();
  if (cookie) headers.set("cookie", cookie);
  const resHeaders = new Headers();
  const ctx = await createTrpcContext({ db: database.db, headers, secure: false, resHeaders });
  return { caller: createCaller(ctx), resHeaders };
}

/** Signs in through the real procedure and returns a caller holding that session's cookie. */
async function signIn(credentials: { email: string; password: string }) {
  const { caller, resHeaders } = await callerFor();
  await caller.auth.signIn(credentials);
  const cookie = (resHeaders.get("set-cookie") ?? "").split(";")[0] ?? "";
  expect(cookie).toMatch(/^hookline_session=/);
  return { cookie, caller: (await callerFor(cookie)).caller };
}

async function isSignedIn(cookie: string): Promise<boolean> {
  return (await (await callerFor(cookie)).caller.auth.status()).user !== null;
}

async function userIds(): Promise<string[]> {
  const rows = await database.db.selectFrom("users").select("id").orderBy("id").execute();
  return rows.map((row) => row.id);
}

let counter = 0;
/** A fresh admin per test, so tests own their rows. */
async function newAdmin(label: string) {
  const credentials = {
    email: `${label}-${++counter}@example.com`,
    password: `${label} password ${counter}`,
  };
  const user = await createUser(database.db, credentials);
  return { ...credentials, id: user.id };
}

describe("user.changePassword", () => {
  it("refuses a wrong current password and changes nothing", async () => {
    const ada = await newAdmin("ada");
    const first = await signIn(ada);
    const other = await signIn(ada);
    const hashBefore = await database.db
      .selectFrom("users")
      .select("password_hash")
      .where("id", "=", ada.id)
      .executeTakeFirstOrThrow();

    const error = await first.caller.user
      .changePassword({ currentPassword: "not my password", newPassword: "a brand new password" })
      .catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: "BAD_REQUEST" });
    expect(error).toMatchObject({
      cause: { code: "validation_failed", details: [{ path: "currentPassword" }] },
    });

    const hashAfter = await database.db
      .selectFrom("users")
      .select("password_hash")
      .where("id", "=", ada.id)
      .executeTakeFirstOrThrow();
    expect(hashAfter).toEqual(hashBefore);
    expect(await isSignedIn(first.cookie)).toBe(true);
    expect(await isSignedIn(other.cookie)).toBe(true);
    await expect((await callerFor()).caller.auth.signIn(ada)).resolves.toMatchObject({
      user: { email: ada.email },
    });
  });

  it("signs out every other session, keeps this one, and swaps which password signs in", async () => {
    const ada = await newAdmin("ada");
    const bystander = await newAdmin("bystander");
    const current = await signIn(ada);
    const laptop = await signIn(ada);
    const phone = await signIn(ada);
    const theirs = await signIn(bystander);

    const answer = await current.caller.user.changePassword({
      currentPassword: ada.password,
      newPassword: "correct horse battery staple",
    });
    expect(answer).toEqual({ signedOutSessions: 2 });

    expect(await isSignedIn(current.cookie)).toBe(true);
    expect(await isSignedIn(laptop.cookie)).toBe(false);
    expect(await isSignedIn(phone.cookie)).toBe(false);
    expect(await isSignedIn(theirs.cookie)).toBe(true);

    await expect((await callerFor()).caller.auth.signIn(ada)).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    await expect(
      (await callerFor()).caller.auth.signIn({ email: ada.email, password: "correct horse battery staple" }),
    ).resolves.toMatchObject({ user: { email: ada.email } });
  });

  it("validates the new password before checking anything", async () => {
    const ada = await newAdmin("ada");
    const { caller } = await signIn(ada);
    await expect(
      caller.user.changePassword({ currentPassword: ada.password, newPassword: "short" }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(
      caller.user.changePassword({ currentPassword: ada.password, newPassword: ada.password }),
    ).rejects.toThrow(/different from the current one/);
  });

  it("locks the account after repeated wrong guesses, like sign-in does", async () => {
    const ada = await newAdmin("ada");
    const { caller } = await signIn(ada);
    for (let attempt = 0; attempt < 5; attempt++) {
      await expect(
        caller.user.changePassword({
          currentPassword: `guess ${attempt}`,
          newPassword: "a brand new password",
        }),
      ).rejects.toMatchObject({ code: "BAD_REQUEST" });
    }
    await expect(
      caller.user.changePassword({ currentPassword: ada.password, newPassword: "a brand new password" }),
    ).rejects.toMatchObject({ code: "TOO_MANY_REQUESTS" });
  });
});

describe("user.list", () => {
  it("lists everyone with their role and newest sign-in", async () => {
    const ada = await newAdmin("ada");
    const grace = await createUser(
      database.db,
      { email: `grace-${++counter}@example.com`, password: "grace's password" },
      { role: "marketer" },
    );
    const { caller } = await signIn(ada);
    const listed = await caller.user.list();
    expect(listed.find((row) => row.id === grace.id)).toEqual({
      ...grace,
      last_sign_in_at: null,
      two_factor: false,
    });
    expect(listed.find((row) => row.id === ada.id)).toMatchObject({ role: "owner" });
    // The signed-in admin's newest session shows as their last sign-in.
    expect(listed.find((row) => row.id === ada.id)?.last_sign_in_at).toMatch(/^\d{4}-\d\d-\d\dT.*Z$/);
  });

  it("requires a session", async () => {
    const { caller } = await callerFor();
    await expect(caller.user.list()).rejects.toMatchObject({ code: "UNAUTHORIZED" });
  });
});

describe("user.delete", () => {
  it("refuses to delete yourself", async () => {
    const ada = await newAdmin("ada");
    const { caller, cookie } = await signIn(ada);
    await expect(caller.user.delete({ id: ada.id })).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await userIds()).toContain(ada.id);
    expect(await isSignedIn(cookie)).toBe(true);
  });

  it("removes another admin and every session of theirs", async () => {
    const ada = await newAdmin("ada");
    const bob = await newAdmin("bob");
    const { caller } = await signIn(ada);
    const bobs = [await signIn(bob), await signIn(bob)];

    await caller.user.delete({ id: bob.id });
    expect(await userIds()).not.toContain(bob.id);
    for (const session of bobs) expect(await isSignedIn(session.cookie)).toBe(false);
    const left = await database.db
      .selectFrom("sessions")
      .select("id")
      .where("user_id", "=", bob.id)
      .execute();
    expect(left).toEqual([]);
    await expect((await callerFor()).caller.auth.signIn(bob)).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    await expect(caller.user.delete({ id: bob.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});

describe("user.resetTwoFactor", () => {
  it("turns another user's two-factor off and signs them out; after that the password alone signs in", async () => {
    const ada = await newAdmin("ada");
    const bob = await newAdmin("bob");
    const bobs = await signIn(bob);
    await turnOnTwoFactor(database.db, bob.id);
    const { caller } = await signIn(ada);

    await expect(caller.user.resetTwoFactor({ id: bob.id })).resolves.toEqual({ signedOutSessions: 1 });
    expect(await isSignedIn(bobs.cookie)).toBe(false);
    expect((await caller.user.list()).find((row) => row.id === bob.id)).toMatchObject({ two_factor: false });
    // signIn insists on a session cookie from the password step: no code asked for.
    expect(await isSignedIn((await signIn(bob)).cookie)).toBe(true);
    // Nothing left to reset: a clear refusal.
    await expect(caller.user.resetTwoFactor({ id: bob.id })).rejects.toMatchObject({ code: "CONFLICT" });
  });

  it("refuses your own, which the Two-factor sign-in card turns off", async () => {
    const ada = await newAdmin("ada");
    await turnOnTwoFactor(database.db, ada.id);
    const session = await createSession(database.db, ada);
    const { caller } = await callerFor(`${sessionCookieName(false)}=${session.token}`);
    await expect(caller.user.resetTwoFactor({ id: ada.id })).rejects.toMatchObject({
      code: "FORBIDDEN",
      message: expect.stringContaining("Two-factor sign-in card"),
    });
    expect((await caller.user.list()).find((row) => row.id === ada.id)).toMatchObject({ two_factor: true });
  });
});

// Own database: these tests need to be down to the last admins.
describe("the last user", () => {
  let own: TestDatabase;
  beforeAll(async () => {
    own = await createTestDatabase();
  });
  afterAll(async () => {
    await own.close();
  });

  async function ownCaller(credentials: { email: string; password: string }) {
    const resHeaders = new Headers();
    const anonymous = createCaller(
      await createTrpcContext({ db: own.db, headers: new Headers(), secure: false, resHeaders }),
    );
    await anonymous.auth.signIn(credentials);
    const headers = new Headers({ cookie: (resHeaders.get("set-cookie") ?? "").split(";")[0] ?? "" });
    return createCaller(
      await createTrpcContext({ db: own.db, headers, secure: false, resHeaders: new Headers() }),
    );
  }

  async function ownCount(): Promise<number> {
    return (await own.db.selectFrom("users").select("id").execute()).length;
  }

  it("can't be deleted, even by an admin whose request began before they were removed", async () => {
    const ada = { email: "ada@example.com", password: "ada's password" };
    const bob = { email: "bob@example.com", password: "bob's password" };
    const adaUser = await createUser(own.db, ada);
    const bobUser = await createUser(own.db, bob);
    const asAda = await ownCaller(ada);
    const asBob = await ownCaller(bob); // context (and its user) resolved now, before Bob is removed

    await asAda.user.delete({ id: bobUser.id });
    await expect(asBob.user.delete({ id: adaUser.id })).rejects.toThrow("Your account no longer exists.");
    expect(await ownCount()).toBe(1);
  });

  it("survives two admins deleting each other at the same moment", async () => {
    const carol = { email: "carol@example.com", password: "carol's password" };
    const carolUser = await createUser(own.db, carol);
    const [remaining] = await own.db
      .selectFrom("users")
      .select("id")
      .where("id", "!=", carolUser.id)
      .execute();
    const ada = { email: "ada@example.com", password: "ada's password" };
    const asAda = await ownCaller(ada);
    const asCarol = await ownCaller(carol);

    const removals = () =>
      Promise.allSettled([
        asAda.user.delete({ id: carolUser.id }),
        asCarol.user.delete({ id: remaining?.id ?? "" }),
      ]);
    let results: Awaited<ReturnType<typeof removals>>;
    if (own.kind === "postgres") {
      // Hold both rows until both removals are waiting on the database, so they truly overlap.
      let pending: ReturnType<typeof removals> | undefined;
      await own.db.transaction().execute(async (trx) => {
        await trx.selectFrom("users").select("id").forUpdate().execute();
        pending = removals();
        await waitForLockWaits(own.db, 2);
      });
      results = await (pending as ReturnType<typeof removals>);
    } else {
      // PGlite has one connection: transactions can't overlap at all.
      results = await removals();
    }
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(1);
    const refused = results.find((result) => result.status === "rejected");
    // Whoever comes second speaks for an account that is gone.
    expect(refused?.reason).toMatchObject({
      code: "UNAUTHORIZED",
      message: "Your account no longer exists.",
    });
    expect(await ownCount()).toBe(1);
  });
});

describe("an admin's time zone", () => {
  it("is theirs alone, from the list, and comes with their session", async () => {
    const credentials = { email: "zone@example.com", password: "a long enough password" };
    await createUser(database.db, credentials);
    const { cookie, caller } = await signIn(credentials);
    await caller.user.setTimeZone({ timeZone: "Europe/Berlin" });
    const ctx = await createTrpcContext({
      db: database.db,
      headers: new Headers({ cookie }),
      secure: false,
      resHeaders: new Headers(),
    });
    expect(ctx.user?.timeZone).toBe("Europe/Berlin");

    await expect(caller.user.setTimeZone({ timeZone: "Europe/Berlinn" })).rejects.toMatchObject({
      code: "BAD_REQUEST",
    });
    await caller.user.setTimeZone({ timeZone: null });
    const row = await database.db
      .selectFrom("users")
      .select("time_zone")
      .where("email", "=", credentials.email)
      .executeTakeFirstOrThrow();
    expect(row.time_zone).toBeNull();
  });
});
