// Invitations through the tRPC procedures the UI calls (and the lookup its page makes on the
// server), over a real database: the one-time link's whole life (accepted once, expired, revoked,
// tampered with), who may invite whom, and that a refused link changes nothing.
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSession, INVITATION_ROWS_KEPT_DAYS, pruneAuthRecords } from "@/server/auth/session.service";
import { sessionCookieName } from "@/server/auth/session-cookie";
import { createTestDatabase, type TestDatabase } from "@/server/testing/test-database";
import { createTrpcContext } from "@/server/trpc/init";
import { createCaller } from "@/server/trpc/root";
import type { Role } from "@/shared/permissions";
import { findInvitation } from "./invitation.service";
import { sha256Hex } from "./tokens";
import { createUser } from "./user.service";

let database: TestDatabase;
let owner: ReturnType<typeof createCaller>;
let admin: ReturnType<typeof createCaller>;
let counter = 0;

beforeAll(async () => {
  database = await createTestDatabase();
  owner = await signedInAs("owner");
  admin = await signedInAs("admin");
});
afterAll(async () => {
  await database.close();
});

async function signedInAs(role: Role) {
  const user = await createUser(
    database.db,
    { email: `${role}-${++counter}@example.com`, password: "a long enough password" },
    { role },
  );
  const session = await createSession(database.db, user);
  return (await callerWith(`${sessionCookieName(false)}=${session.token}`)).caller;
}

async function callerWith(cookie?: string) {
  const resHeaders = new Headers();
  const headers = new Headers(cookie ? { cookie } : {});
  const ctx = await createTrpcContext({ db: database.db, headers, secure: false, resHeaders });
  return { caller: createCaller(ctx), resHeaders, user: ctx.user };
}

function tokenOf(path: string): string {
  const token = path.replace(/^\/invitations\//, "");
  expect(token).toMatch(/^[0-9A-Za-z]{43}$/);
  return token;
}

async function invite(role: Role = "marketer", by = owner) {
  const email = `invitee-${++counter}@example.com`;
  const answer = await by.invitation.create({ email, role });
  return { email, token: tokenOf(answer.link.path), id: answer.invitation.id, answer };
}

/** Users and invitations as they stand, to prove a refusal wrote nothing. */
async function snapshot() {
  const users = await database.db.selectFrom("users").select(["id", "email", "role"]).orderBy("id").execute();
  const invitations = await database.db.selectFrom("invitations").selectAll().orderBy("id").execute();
  const sessions = await database.db.selectFrom("sessions").select("id").orderBy("id").execute();
  return { users, invitations, sessions };
}

async function expectRefusedAccept(token: string, message: RegExp) {
  const before = await snapshot();
  const { caller, resHeaders } = await callerWith();
  await expect(caller.invitation.accept({ token, password: "my very own password" })).rejects.toMatchObject({
    code: "FORBIDDEN",
    message: expect.stringMatching(message),
  });
  expect(resHeaders.get("set-cookie")).toBeNull();
  expect(await snapshot()).toEqual(before);
}

describe("an invitation", () => {
  it("is a one-time link, stored only as a hash, that the invitee turns into their own account", async () => {
    const { email, token, id, answer } = await invite("marketer");
    expect(answer.invitation).toMatchObject({ email, role: "marketer" });
    const row = await database.db
      .selectFrom("invitations")
      .selectAll()
      .where("id", "=", id)
      .executeTakeFirstOrThrow();
    expect(row.token_hash).toBe(sha256Hex(token));
    expect(JSON.stringify(row)).not.toContain(token);
    // Seven days, not a moment longer.
    expect(row.expires_at.getTime() - row.created_at.getTime()).toBe(7 * 24 * 3600 * 1000);
    // The list shows it, without its link.
    const pending = await owner.invitation.list();
    expect(pending.find((item) => item.id === id)).toEqual(answer.invitation);
    expect(JSON.stringify(pending)).not.toContain(token);

    const { caller: visitor } = await callerWith();
    await expect(findInvitation(database.db, token)).resolves.toMatchObject({
      state: "pending",
      email,
      role: "marketer",
    });

    // The same password rules as setup; a refused password leaves the link usable.
    const before = await snapshot();
    await expect(visitor.invitation.accept({ token, password: "short" })).rejects.toMatchObject({
      code: "BAD_REQUEST",
    });
    expect(await snapshot()).toEqual(before);

    const { caller, resHeaders } = await callerWith();
    const accepted = await caller.invitation.accept({ token, password: "my very own password" });
    expect(accepted.user.email).toBe(email);
    const cookie = (resHeaders.get("set-cookie") ?? "").split(";")[0] ?? "";
    const signedIn = await callerWith(cookie);
    expect(signedIn.user).toMatchObject({ email, role: "marketer", mustChangePassword: false });
    // They signed in with the password they chose, and no one else ever knew it.
    await expect(
      (await callerWith()).caller.auth.signIn({ email, password: "my very own password" }),
    ).resolves.toMatchObject({ next: "signed_in" });

    expect((await owner.invitation.list()).map((item) => item.id)).not.toContain(id);
    await expect(findInvitation(database.db, token)).resolves.toEqual({ state: "used" });
    await expectRefusedAccept(token, /already been used/);
  });

  it("can be accepted once even when the link is opened twice at the same moment", async () => {
    const { token, email } = await invite("viewer");
    const results = await Promise.allSettled([
      (await callerWith()).caller.invitation.accept({ token, password: "first browser's password" }),
      (await callerWith()).caller.invitation.accept({ token, password: "second browser's password" }),
    ]);
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(1);
    expect(results.find((result) => result.status === "rejected")).toMatchObject({
      reason: { code: "FORBIDDEN", message: expect.stringMatching(/already been used/) },
    });
    const rows = await database.db.selectFrom("users").select("id").where("email", "=", email).execute();
    expect(rows).toHaveLength(1);
  });

  it("stops working once it expires", async () => {
    const { token, id } = await invite();
    await database.db
      .updateTable("invitations")
      .set({ expires_at: sql<Date>`now() - interval '1 second'` })
      .where("id", "=", id)
      .execute();
    await expect(findInvitation(database.db, token)).resolves.toEqual({
      state: "expired",
    });
    await expectRefusedAccept(token, /has expired/);
    expect((await owner.invitation.list()).map((item) => item.id)).not.toContain(id);
  });

  it("is forgotten a month after it expired, whatever became of it, and not before", async () => {
    const aged = async (id: string, daysPastExpiry: number) => {
      await database.db
        .updateTable("invitations")
        .set({
          created_at: sql<Date>`now() - make_interval(days => ${daysPastExpiry + 7})`,
          expires_at: sql<Date>`now() - make_interval(days => ${daysPastExpiry})`,
        })
        .where("id", "=", id)
        .execute();
    };
    const accepted = await invite();
    await (await callerWith()).caller.invitation.accept({
      token: accepted.token,
      password: "my very own password",
    });
    const revoked = await invite();
    await owner.invitation.revoke({ id: revoked.id });
    const expired = await invite();
    const recent = await invite();
    const pending = await invite();
    for (const { id } of [accepted, revoked, expired]) await aged(id, INVITATION_ROWS_KEPT_DAYS + 1);
    await aged(recent.id, INVITATION_ROWS_KEPT_DAYS - 1);

    await pruneAuthRecords(database.db);

    const left = (await database.db.selectFrom("invitations").select("id").execute()).map((row) => row.id);
    expect(left).toEqual(expect.arrayContaining([recent.id, pending.id]));
    for (const { id } of [accepted, revoked, expired]) expect(left).not.toContain(id);
    await expect(findInvitation(database.db, recent.token)).resolves.toEqual({
      state: "expired",
    });
  });

  it("stops working once revoked, and can be revoked only while pending", async () => {
    const { token, id } = await invite();
    await admin.invitation.revoke({ id });
    await expect(findInvitation(database.db, token)).resolves.toEqual({
      state: "revoked",
    });
    await expectRefusedAccept(token, /was withdrawn/);
    await expect(owner.invitation.revoke({ id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(owner.invitation.revoke({ id: "inv_unknown" })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("answers a tampered or made-up token as unknown and changes nothing", async () => {
    const { token } = await invite();
    const last = token.at(-1) === "a" ? "b" : "a";
    const tampered = `${token.slice(0, -1)}${last}`;
    for (const bad of [tampered, token.slice(0, 20), `${token}x`, "../../etc/passwd", ""]) {
      await expect(findInvitation(database.db, bad)).resolves.toEqual({
        state: "unknown",
      });
      await expectRefusedAccept(bad, /isn't valid/);
    }
    // The real one still works.
    await expect(findInvitation(database.db, token)).resolves.toMatchObject({
      state: "pending",
    });
  });

  it("invited again, replaces the earlier link", async () => {
    const first = await invite("viewer");
    const again = await owner.invitation.create({ email: first.email, role: "marketer" });
    await expect(findInvitation(database.db, first.token)).resolves.toEqual({
      state: "revoked",
    });
    await expect(findInvitation(database.db, tokenOf(again.link.path))).resolves.toMatchObject({
      state: "pending",
      role: "marketer",
    });
  });
});

describe("who may invite", () => {
  it("lets an admin invite anyone but an owner, and revoke anything but an owner's invitation", async () => {
    await expect(invite("admin", admin)).resolves.toBeTruthy();
    await expect(invite("viewer", admin)).resolves.toBeTruthy();
    const before = await snapshot();
    await expect(admin.invitation.create({ email: "boss@example.com", role: "owner" })).rejects.toMatchObject(
      {
        code: "FORBIDDEN",
        message: "Admins can't invite, change or remove owners.",
      },
    );
    expect(await snapshot()).toEqual(before);

    const ownerInvitation = await invite("owner", owner);
    await expect(admin.invitation.revoke({ id: ownerInvitation.id })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    await expect(findInvitation(database.db, ownerInvitation.token)).resolves.toMatchObject({
      state: "pending",
      role: "owner",
    });
  });

  it("refuses an address that can already sign in, and a role that doesn't exist", async () => {
    const before = await snapshot();
    const someone = before.users[0];
    await expect(
      owner.invitation.create({ email: someone?.email ?? "", role: "viewer" }),
    ).rejects.toMatchObject({
      code: "CONFLICT",
      cause: { details: [{ path: "email" }] },
    });
    await expect(
      owner.invitation.create({ email: "x@example.com", role: "superuser" as Role }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST" });
    expect(await snapshot()).toEqual(before);
  });

  it("refuses marketers and viewers, and anyone signed out", async () => {
    const before = await snapshot();
    for (const role of ["marketer", "viewer"] as const) {
      const caller = await signedInAs(role);
      const after = await snapshot();
      await expect(
        caller.invitation.create({ email: "x@example.com", role: "viewer" }),
      ).rejects.toMatchObject({
        code: "FORBIDDEN",
      });
      expect(await snapshot()).toEqual(after);
    }
    const { caller } = await callerWith();
    await expect(caller.invitation.create({ email: "x@example.com", role: "viewer" })).rejects.toMatchObject({
      code: "UNAUTHORIZED",
    });
    expect((await snapshot()).invitations).toEqual(before.invitations);
  });
});
