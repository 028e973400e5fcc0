// Signing in with two-factor sign-in on, and the setting that requires it, through the tRPC
// routers with real cookies, against the real database. Codes are computed from the set-up's
// secret at times the test controls.
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { CHALLENGE_CODE_ATTEMPTS } from "@/server/auth/two-factor/sign-in-challenge";
import { sealPlaintextTotpSecrets } from "@/server/auth/two-factor/totp-secret-box";
import { changePassword, createUser } from "@/server/auth/user.service";
import { overrideConfig } from "@/server/config/config";
import { useDatabase } from "@/server/database";
import { acceptPeerHeader, PEER_HEADER } from "@/server/lib/client-address";
import { requireAdminRequest } from "@/server/rest/admin-route";
import { type Authenticator, scanTotpUri, setClock, upcomingStepStart } from "@/server/testing/authenticator";
import { createTestDatabase, type TestDatabase } from "@/server/testing/test-database";
import { turnOnTwoFactor } from "@/server/testing/two-factor";
import { createTrpcContext } from "../init";
import { createCaller } from "../root";

let database: TestDatabase;
let counter = 0;

beforeAll(async () => {
  // As Hookline's server does: every request carries its connection's address.
  acceptPeerHeader();
  database = await createTestDatabase();
  useDatabase(database);
});
afterAll(async () => {
  await database.close();
});
afterEach(() => {
  vi.useRealTimers();
});

type Api = ReturnType<typeof createCaller>;

/** A browser at one address: keeps the cookies the server sets and sends them back. */
function browser(ip = "192.0.2.1") {
  const jar = new Map<string, string>();
  let lastSetCookies: string[] = [];
  async function call<T>(use: (api: Api) => Promise<T>): Promise<T> {
    const headers = new Headers({ [PEER_HEADER]: ip });
    if (jar.size) headers.set("cookie", [...jar].map(([name, value]) => `${name}=${value}`).join("; "));
    const resHeaders = new Headers();
    const api = createCaller(
      await createTrpcContext({ db: database.db, headers, secure: false, resHeaders }),
    );
    try {
      return await use(api);
    } finally {
      // Whether the call succeeded or not, as a browser stores what the answer set.
      lastSetCookies = resHeaders.getSetCookie();
      for (const cookie of lastSetCookies) {
        const [pair = "", ...attributes] = cookie.split("; ");
        const [name = "", value = ""] = pair.split("=");
        if (attributes.includes("Max-Age=0")) jar.delete(name);
        else jar.set(name, value);
      }
    }
  }
  return { call, jar, setCookies: () => lastSetCookies };
}

const PASSWORD = "a long enough password";
async function newAdmin() {
  counter += 1;
  return createUser(database.db, { email: `admin${counter}@example.com`, password: PASSWORD });
}
async function adminWithTwoFactor(): Promise<{
  email: string;
  id: string;
  app: Authenticator;
  recovery: string[];
}> {
  const admin = await newAdmin();
  const { app, recoveryCodes } = await turnOnTwoFactor(database.db, admin.id);
  return { ...admin, app, recovery: recoveryCodes };
}
async function failuresOf(key: string): Promise<number> {
  const row = await database.db
    .selectFrom("sign_in_throttle")
    .select("failures")
    .where("key", "=", key)
    .executeTakeFirst();
  return row?.failures ?? 0;
}

describe("the password step", () => {
  it("says nothing of a second factor until the password is right, and then gives no session", async () => {
    const plain = await newAdmin();
    const guarded = await adminWithTwoFactor();
    const wrongPlain = await browser()
      .call((api) => api.auth.signIn({ email: plain.email, password: "wrong password" }))
      .catch((error: unknown) => error);
    const wrongGuarded = await browser()
      .call((api) => api.auth.signIn({ email: guarded.email, password: "wrong password" }))
      .catch((error: unknown) => error);
    expect(wrongGuarded).toMatchObject({ code: "UNAUTHORIZED" });
    expect((wrongGuarded as Error).message).toBe((wrongPlain as Error).message);

    const b = browser();
    await expect(
      b.call((api) => api.auth.signIn({ email: guarded.email, password: PASSWORD })),
    ).resolves.toEqual({
      next: "second_factor",
    });
    const [challengeCookie, ...others] = b.setCookies();
    expect(others).toEqual([]);
    expect(challengeCookie).toMatch(
      /^hookline_sign_in=\w{43}; Path=\/; HttpOnly; SameSite=Strict; Max-Age=300$/,
    );
    expect(b.jar.has("hookline_session")).toBe(false);
    // Half signed in is not signed in.
    await expect(b.call((api) => api.contact.list({ limit: 1 }))).rejects.toMatchObject({
      code: "UNAUTHORIZED",
    });
    await expect(b.call((api) => api.twoFactor.status())).rejects.toMatchObject({ code: "UNAUTHORIZED" });
  });
});

describe("the code step", () => {
  it("exchanges the challenge for a session once, in the browser that gave the password", async () => {
    const admin = await adminWithTwoFactor();
    const now = upcomingStepStart() + 60_000;
    setClock(now);
    const b = browser();
    await b.call((api) => api.auth.signIn({ email: admin.email, password: PASSWORD }));

    // Another browser, without the challenge cookie, gets nowhere with the right code.
    await expect(
      browser().call((api) => api.auth.verifySignInCode({ code: admin.app.codeAt(now) })),
    ).rejects.toMatchObject({
      code: "UNAUTHORIZED",
      message: expect.stringContaining("Enter your password again"),
    });

    await expect(b.call((api) => api.auth.verifySignInCode({ code: "000000" }))).rejects.toMatchObject({
      code: "BAD_REQUEST",
      cause: { code: "validation_failed", details: [{ path: "code" }] },
    });
    expect(b.jar.has("hookline_session")).toBe(false);

    const challengeToken = b.jar.get("hookline_sign_in");
    await expect(
      b.call((api) => api.auth.verifySignInCode({ code: admin.app.codeAt(now) })),
    ).resolves.toEqual({
      user: { id: admin.id, email: admin.email },
      usedRecoveryCode: false,
    });
    expect(b.jar.has("hookline_sign_in")).toBe(false);
    expect(b.jar.has("hookline_session")).toBe(true);
    await expect(b.call((api) => api.contact.list({ limit: 1 }))).resolves.toBeTruthy();

    // The challenge is used up: sent again (a copied cookie), it opens nothing.
    const replay = browser();
    replay.jar.set("hookline_sign_in", challengeToken ?? "");
    await expect(
      replay.call((api) => api.auth.verifySignInCode({ code: admin.app.codeAt(now + 30_000) })),
    ).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    expect(replay.jar.has("hookline_sign_in")).toBe(false);
  });

  it("refuses a code already used, within its window, from any browser", async () => {
    const admin = await adminWithTwoFactor();
    const now = upcomingStepStart() + 60_000;
    setClock(now);
    const first = browser();
    await first.call((api) => api.auth.signIn({ email: admin.email, password: PASSWORD }));
    await first.call((api) => api.auth.verifySignInCode({ code: admin.app.codeAt(now) }));

    const second = browser("198.51.100.7");
    await second.call((api) => api.auth.signIn({ email: admin.email, password: PASSWORD }));
    await expect(
      second.call((api) => api.auth.verifySignInCode({ code: admin.app.codeAt(now) })),
    ).rejects.toMatchObject({ code: "BAD_REQUEST" });
    setClock(now + 29_000); // still the same step
    await expect(
      second.call((api) => api.auth.verifySignInCode({ code: admin.app.codeAt(now) })),
    ).rejects.toMatchObject({ code: "BAD_REQUEST" });
    setClock(now + 30_000);
    await expect(
      second.call((api) => api.auth.verifySignInCode({ code: admin.app.codeAt(now + 30_000) })),
    ).resolves.toMatchObject({ user: { id: admin.id } });
  });

  it("gives one session when several requests race with one challenge, each with a right code", async () => {
    const admin = await adminWithTwoFactor();
    const b = browser();
    await b.call((api) => api.auth.signIn({ email: admin.email, password: PASSWORD }));
    const outcomes = await Promise.allSettled(
      admin.recovery.slice(0, 5).map((code) => b.call((api) => api.auth.verifySignInCode({ code }))),
    );
    expect(outcomes.filter((outcome) => outcome.status === "fulfilled")).toHaveLength(1);
    for (const outcome of outcomes.filter((each) => each.status === "rejected")) {
      expect(outcome).toMatchObject({ reason: { code: "UNAUTHORIZED" } });
    }
    const sessions = await database.db
      .selectFrom("sessions")
      .select("id")
      .where("user_id", "=", admin.id)
      .execute();
    expect(sessions).toHaveLength(1);
  });

  it("takes a recovery code once", async () => {
    const admin = await adminWithTwoFactor();
    const [code = ""] = admin.recovery;
    const b = browser();
    await b.call((api) => api.auth.signIn({ email: admin.email, password: PASSWORD }));
    await expect(b.call((api) => api.auth.verifySignInCode({ code }))).resolves.toEqual({
      user: { id: admin.id, email: admin.email },
      usedRecoveryCode: true,
    });
    await expect(b.call((api) => api.twoFactor.status())).resolves.toMatchObject({ recovery_codes_left: 9 });

    const again = browser();
    await again.call((api) => api.auth.signIn({ email: admin.email, password: PASSWORD }));
    await expect(again.call((api) => api.auth.verifySignInCode({ code }))).rejects.toMatchObject({
      code: "BAD_REQUEST",
    });
  });

  it("expires after five minutes", async () => {
    const admin = await adminWithTwoFactor();
    const b = browser();
    await b.call((api) => api.auth.signIn({ email: admin.email, password: PASSWORD }));
    const [challenge] = await database.db
      .selectFrom("sign_in_challenges")
      .select(["expires_at", "created_at"])
      .where("user_id", "=", admin.id)
      .execute();
    expect((challenge?.expires_at.getTime() ?? 0) - (challenge?.created_at.getTime() ?? 0)).toBe(300_000);

    await database.db
      .updateTable("sign_in_challenges")
      .set({ expires_at: new Date(Date.now() - 1000) })
      .where("user_id", "=", admin.id)
      .execute();
    await expect(
      b.call((api) => api.auth.verifySignInCode({ code: admin.recovery[0] ?? "" })),
    ).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    // The recovery code was not spent on it.
    await expect(
      b.call((api) => api.auth.signIn({ email: admin.email, password: PASSWORD })),
    ).resolves.toEqual({
      next: "second_factor",
    });
    await expect(
      b.call((api) => api.auth.verifySignInCode({ code: admin.recovery[0] ?? "" })),
    ).resolves.toMatchObject({
      usedRecoveryCode: true,
    });
  });
  it("ends when the password changes: whoever knew the old one gets no further", async () => {
    const admin = await adminWithTwoFactor();
    const b = browser();
    await b.call((api) => api.auth.signIn({ email: admin.email, password: PASSWORD }));
    await changePassword(database.db, {
      userId: admin.id,
      currentPassword: PASSWORD,
      newPassword: "a different long password",
    });
    await expect(
      b.call((api) => api.auth.verifySignInCode({ code: admin.recovery[0] ?? "" })),
    ).rejects.toMatchObject({ code: "UNAUTHORIZED" });
  });
});

describe("throttling the code step", () => {
  it("counts a wrong code like a wrong password, for the account and for the address", async () => {
    const admin = await adminWithTwoFactor();
    const bystander = await newAdmin();
    const now = upcomingStepStart() + 60_000;
    setClock(now);
    const attacker = browser("203.0.113.9");
    await attacker.call((api) => api.auth.signIn({ email: admin.email, password: PASSWORD }));
    for (let attempt = 0; attempt < 4; attempt++) {
      await expect(
        attacker.call((api) => api.auth.verifySignInCode({ code: "123456" })),
      ).rejects.toMatchObject({
        code: "BAD_REQUEST",
      });
    }
    expect(await failuresOf(`email:${admin.email}`)).toBe(4);
    expect(await failuresOf("ip:203.0.113.9")).toBe(4);

    // A right password doesn't wipe the wrong codes' count: only a right code does.
    await attacker.call((api) => api.auth.signIn({ email: admin.email, password: PASSWORD }));
    expect(await failuresOf(`email:${admin.email}`)).toBe(4);
    await expect(attacker.call((api) => api.auth.verifySignInCode({ code: "654321" }))).rejects.toMatchObject(
      {
        code: "BAD_REQUEST",
      },
    );
    // Locked: now even the right code waits, from anywhere.
    await expect(
      attacker.call((api) => api.auth.verifySignInCode({ code: admin.app.codeAt(now) })),
    ).rejects.toMatchObject({ code: "TOO_MANY_REQUESTS" });
    const owner = browser("192.0.2.200");
    await expect(
      owner.call((api) => api.auth.signIn({ email: admin.email, password: PASSWORD })),
    ).rejects.toMatchObject({
      code: "TOO_MANY_REQUESTS",
    });
    // And the address is locked for every account.
    await expect(
      attacker.call((api) => api.auth.signIn({ email: bystander.email, password: PASSWORD })),
    ).rejects.toMatchObject({ code: "TOO_MANY_REQUESTS" });
    await expect(
      browser("192.0.2.201").call((api) => api.auth.signIn({ email: bystander.email, password: PASSWORD })),
    ).resolves.toMatchObject({ next: "signed_in" });
  });

  it("ends a challenge after five wrong codes: the password must be given again", async () => {
    const admin = await adminWithTwoFactor();
    const now = upcomingStepStart() + 60_000;
    setClock(now);
    const b = browser("192.0.2.50");
    await b.call((api) => api.auth.signIn({ email: admin.email, password: PASSWORD }));
    for (let attempt = 0; attempt < CHALLENGE_CODE_ATTEMPTS; attempt++) {
      await expect(b.call((api) => api.auth.verifySignInCode({ code: "000000" }))).rejects.toMatchObject({
        code: "BAD_REQUEST",
      });
    }
    // Lift the lock the failures earned, to see what is left of the challenge: nothing.
    await database.db.deleteFrom("sign_in_throttle").execute();
    await expect(
      b.call((api) => api.auth.verifySignInCode({ code: admin.app.codeAt(now) })),
    ).rejects.toMatchObject({
      code: "UNAUTHORIZED",
    });
  });

  it("clears the account's count once the code is right", async () => {
    const admin = await adminWithTwoFactor();
    const now = upcomingStepStart() + 60_000;
    setClock(now);
    const b = browser("192.0.2.60");
    await b.call((api) => api.auth.signIn({ email: admin.email, password: PASSWORD }));
    await b.call((api) => api.auth.verifySignInCode({ code: "111111" })).catch(() => {});
    expect(await failuresOf(`email:${admin.email}`)).toBe(1);
    await b.call((api) => api.auth.verifySignInCode({ code: admin.app.codeAt(now) }));
    expect(await failuresOf(`email:${admin.email}`)).toBe(0);
  });
});

describe("requiring two-factor sign-in of every admin", () => {
  it("is turned on only by an admin who uses it, and then lets the others in only to set it up", async () => {
    const owner = await adminWithTwoFactor();
    const colleague = await newAdmin();
    const now = upcomingStepStart() + 60_000;
    setClock(now);

    const b = browser("192.0.2.70");
    await b.call((api) => api.auth.signIn({ email: colleague.email, password: PASSWORD }));
    await expect(b.call((api) => api.twoFactor.setRequirement({ required: true }))).rejects.toMatchObject({
      code: "FORBIDDEN",
      message: "Turn on two-factor sign-in for your own account first.",
    });

    const ob = browser("192.0.2.71");
    await ob.call((api) => api.auth.signIn({ email: owner.email, password: PASSWORD }));
    await ob.call((api) => api.auth.verifySignInCode({ code: owner.app.codeAt(now) }));
    // The admins list says who has a second factor, so an owner knows whom a requirement holds up.
    const admins = await ob.call((api) => api.user.list());
    expect(admins.find((row) => row.id === owner.id)?.two_factor).toBe(true);
    expect(admins.find((row) => row.id === colleague.id)?.two_factor).toBe(false);
    const before = await ob.call((api) => api.twoFactor.requirement());
    expect(before).toMatchObject({ required: false, can_change: true });
    await expect(ob.call((api) => api.twoFactor.setRequirement({ required: true }))).resolves.toEqual({
      required: true,
      admins_without: before.admins_without,
    });

    // The colleague's session from before: from now on, nothing but the set-up (and signing out).
    await expect(b.call((api) => api.contact.list({ limit: 1 }))).rejects.toMatchObject({
      code: "FORBIDDEN",
      message: expect.stringContaining("Set up two-factor sign-in"),
    });
    await expect(b.call((api) => api.user.list())).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(b.call((api) => api.twoFactor.setRequirement({ required: false }))).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    await expect(
      requireAdminRequest(
        new Request("http://hookline.test/contacts/export", {
          headers: { cookie: `hookline_session=${b.jar.get("hookline_session")}` },
        }),
        "contacts.read",
      ),
    ).rejects.toMatchObject({ code: "forbidden" });
    await expect(b.call((api) => api.twoFactor.status())).resolves.toMatchObject({ enabled: false });

    // Signing in anew gives such a session too (there is no second factor to ask for yet).
    const fresh = browser("192.0.2.72");
    await expect(
      fresh.call((api) => api.auth.signIn({ email: colleague.email, password: PASSWORD })),
    ).resolves.toEqual({
      next: "signed_in",
      user: { id: colleague.id, email: colleague.email },
    });
    await expect(fresh.call((api) => api.contact.list({ limit: 1 }))).rejects.toMatchObject({
      code: "FORBIDDEN",
    });

    // Set up, the colleague is let in.
    const setup = await fresh.call((api) => api.twoFactor.beginSetup());
    const app = scanTotpUri(setup.uri);
    const { recoveryCodes } = await fresh.call((api) =>
      api.twoFactor.confirmSetup({ code: app.codeAt(now) }),
    );
    expect(recoveryCodes).toHaveLength(10);
    await expect(fresh.call((api) => api.contact.list({ limit: 1 }))).resolves.toBeTruthy();
    await expect(b.call((api) => api.contact.list({ limit: 1 }))).resolves.toBeTruthy();
    expect((await ob.call((api) => api.twoFactor.requirement())).admins_without).toBe(
      before.admins_without - 1,
    );

    // Lifted, and nobody is held at the set-up any more.
    await ob.call((api) => api.twoFactor.setRequirement({ required: false }));
    const another = await newAdmin();
    const ab = browser("192.0.2.73");
    await ab.call((api) => api.auth.signIn({ email: another.email, password: PASSWORD }));
    await expect(ab.call((api) => api.contact.list({ limit: 1 }))).resolves.toBeTruthy();
  });
});

describe("the authenticator secret at rest", () => {
  async function storedSecret(userId: string): Promise<string> {
    const row = await database.db
      .selectFrom("user_totp")
      .select("secret")
      .where("user_id", "=", userId)
      .executeTakeFirstOrThrow();
    return row.secret;
  }
  /** An admin whose row is as rows were before sealing: the base32 secret itself. */
  async function adminWithPlaintextSecret() {
    const admin = await adminWithTwoFactor();
    await database.db
      .updateTable("user_totp")
      .set({ secret: admin.app.secret })
      .where("user_id", "=", admin.id)
      .execute();
    return admin;
  }
  async function signInWithCode(email: string, code: string, ip = "192.0.2.90") {
    const b = browser(ip);
    await b.call((api) => api.auth.signIn({ email, password: PASSWORD }));
    return { b, answer: b.call((api) => api.auth.verifySignInCode({ code })) };
  }

  it("is stored sealed, never as the base32 secret, from set-up on; codes still sign in", async () => {
    const admin = await newAdmin();
    const b = browser("192.0.2.91");
    await b.call((api) => api.auth.signIn({ email: admin.email, password: PASSWORD }));
    const setup = await b.call((api) => api.twoFactor.beginSetup());
    const pending = await storedSecret(admin.id);
    expect(pending).not.toContain(setup.secret);
    expect(pending).toMatch(/^v1:[\w-]+$/);

    const app = scanTotpUri(setup.uri);
    const now = upcomingStepStart() + 60_000;
    setClock(now);
    await b.call((api) => api.twoFactor.confirmSetup({ code: app.codeAt(now) }));
    const stored = await storedSecret(admin.id);
    expect(stored).not.toContain(setup.secret);
    expect(stored).toMatch(/^v1:[\w-]+$/);

    setClock(now + 30_000);
    const { answer } = await signInWithCode(admin.email, app.codeAt(now + 30_000));
    await expect(answer).resolves.toMatchObject({ user: { id: admin.id }, usedRecoveryCode: false });
    // A sealed secret is bound to its account: copied onto another admin's row, it opens nothing.
    const other = await adminWithTwoFactor();
    await database.db
      .updateTable("user_totp")
      .set({ secret: stored })
      .where("user_id", "=", other.id)
      .execute();
    setClock(now + 60_000);
    const copied = await signInWithCode(other.email, app.codeAt(now + 60_000));
    await expect(copied.answer).rejects.toMatchObject({ code: "CONFLICT" });
  });

  it("still works from a row stored in the clear before sealing, and seals it on first use", async () => {
    const admin = await adminWithPlaintextSecret();
    const now = upcomingStepStart() + 60_000;
    setClock(now);
    const { answer } = await signInWithCode(admin.email, admin.app.codeAt(now));
    await expect(answer).resolves.toMatchObject({ user: { id: admin.id } });
    const stored = await storedSecret(admin.id);
    expect(stored).toMatch(/^v1:/);
    expect(stored).not.toContain(admin.app.secret);
    setClock(now + 30_000);
    const again = await signInWithCode(admin.email, admin.app.codeAt(now + 30_000));
    await expect(again.answer).resolves.toMatchObject({ user: { id: admin.id } });
  });

  it("is sealed by the clean-up round's sweep when no code has been checked since", async () => {
    const admin = await adminWithPlaintextSecret();
    expect(await sealPlaintextTotpSecrets(database.db)).toBeGreaterThanOrEqual(1);
    expect(await storedSecret(admin.id)).toMatch(/^v1:/);
    const now = upcomingStepStart() + 60_000;
    setClock(now);
    const { answer } = await signInWithCode(admin.email, admin.app.codeAt(now));
    await expect(answer).resolves.toMatchObject({ user: { id: admin.id } });
  });

  it("fails clearly, not with a 500, once HOOKLINE_SESSION_SECRET changed; recovery codes and the password still get the admin back", async () => {
    const restoreFirst = overrideConfig({
      HOOKLINE_SESSION_SECRET: "the operator's first secret, long enough",
    });
    let restoreSecond: (() => void) | undefined;
    try {
      const admin = await adminWithTwoFactor();
      restoreSecond = overrideConfig({
        HOOKLINE_SESSION_SECRET: "the operator's second secret, long enough",
      });
      const now = upcomingStepStart() + 60_000;
      setClock(now);
      const { b, answer } = await signInWithCode(admin.email, admin.app.codeAt(now));
      await expect(answer).rejects.toMatchObject({
        code: "CONFLICT",
        message: expect.stringMatching(/HOOKLINE_SESSION_SECRET.*recovery codes/),
      });
      // Not counted as a wrong code, and the challenge is still there for a recovery code.
      expect(await failuresOf(`email:${admin.email}`)).toBe(0);
      await expect(
        b.call((api) => api.auth.verifySignInCode({ code: admin.recovery[0] ?? "" })),
      ).resolves.toMatchObject({ user: { id: admin.id }, usedRecoveryCode: true });

      // Signed in, the admin turns it off with the password (a code can't be checked either) and sets it up anew.
      await expect(
        b.call((api) => api.twoFactor.disable({ proof: admin.app.codeAt(now) })),
      ).rejects.toMatchObject({ code: "CONFLICT" });
      await b.call((api) => api.twoFactor.disable({ proof: PASSWORD }));
      const setup = await b.call((api) => api.twoFactor.beginSetup());
      const app = scanTotpUri(setup.uri);
      await b.call((api) => api.twoFactor.confirmSetup({ code: app.codeAt(now) }));
      setClock(now + 30_000);
      const fresh = await signInWithCode(admin.email, app.codeAt(now + 30_000));
      await expect(fresh.answer).resolves.toMatchObject({ user: { id: admin.id } });
    } finally {
      restoreSecond?.();
      restoreFirst();
    }
  });
});
