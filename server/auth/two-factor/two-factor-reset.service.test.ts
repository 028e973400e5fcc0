// Resetting another user's two-factor sign-in, against the real database: who may, what goes (the
// secret, the recovery codes, every session) and what a refusal leaves exactly as it was.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/server/events/actor";
import { createTestDatabase, type TestDatabase } from "@/server/testing/test-database";
import { turnOnTwoFactor } from "@/server/testing/two-factor";
import type { Role } from "@/shared/permissions";
import { createSession, getSessionUser, signIn } from "../session.service";
import { createUser } from "../user.service";
import { setTwoFactorRequirement } from "./two-factor-requirement.service";
import { OWN_TWO_FACTOR_RESET, resetTwoFactor } from "./two-factor-reset.service";

let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database.close();
});

const PASSWORD = "a long enough password";
let counter = 0;
async function newUser(role: Role) {
  counter += 1;
  const user = await createUser(
    database.db,
    { email: `${role}${counter}@example.com`, password: PASSWORD },
    { role },
  );
  const actor: Actor = { source: "admin", userId: user.id, email: user.email };
  return { ...user, actor };
}
async function withTwoFactor(role: Role) {
  const user = await newUser(role);
  await turnOnTwoFactor(database.db, user.id);
  return user;
}

/** Everything a reset may touch for one user, to compare before and after a refusal. */
async function traces(userId: string) {
  const [totp, codes, sessions, audit] = await Promise.all([
    database.db.selectFrom("user_totp").selectAll().where("user_id", "=", userId).execute(),
    database.db.selectFrom("recovery_codes").selectAll().where("user_id", "=", userId).execute(),
    database.db.selectFrom("sessions").select("id").where("user_id", "=", userId).execute(),
    database.db.selectFrom("audit_log").select("kind").where("object_id", "=", userId).execute(),
  ]);
  return { totp, codes, sessions, audit };
}

describe("resetting another user's two-factor sign-in", () => {
  it("lets an owner reset an admin's: secret, codes and sessions go, and the audit names the owner", async () => {
    const owner = await newUser("owner");
    const admin = await withTwoFactor("admin");
    const sessions = [await createSession(database.db, admin), await createSession(database.db, admin)];
    // A sign-in that got past the password and waits for a code from the lost phone.
    await expect(
      signIn(database.db, { email: admin.email, password: PASSWORD, ip: "t" }),
    ).resolves.toMatchObject({ next: "second_factor" });

    await expect(
      resetTwoFactor(database.db, { actorId: owner.id, id: admin.id, actor: owner.actor }),
    ).resolves.toEqual({ signedOutSessions: 2 });

    const after = await traces(admin.id);
    expect(after.totp).toEqual([]);
    expect(after.codes).toEqual([]);
    expect(after.sessions).toEqual([]);
    for (const { token } of sessions) expect(await getSessionUser(database.db, token)).toBeNull();
    const challenges = await database.db
      .selectFrom("sign_in_challenges")
      .select("user_id")
      .where("user_id", "=", admin.id)
      .execute();
    expect(challenges).toEqual([]);

    const audit = await database.db
      .selectFrom("audit_log")
      .select(["kind", "actor_id", "actor_label", "object_type", "changes"])
      .where("object_id", "=", admin.id)
      .where("kind", "=", "user.two_factor_reset")
      .execute();
    expect(audit).toEqual([
      {
        kind: "user.two_factor_reset",
        actor_id: owner.id,
        actor_label: owner.email,
        object_type: "user",
        changes: { two_factor: { before: true, after: false } },
      },
    ]);

    // The password alone signs them in now.
    await expect(
      signIn(database.db, { email: admin.email, password: PASSWORD, ip: "t" }),
    ).resolves.toMatchObject({ next: "signed_in", user: { id: admin.id, mustSetUpTwoFactor: false } });
  });

  it("lets an admin reset a marketer's, but not an owner's", async () => {
    const admin = await newUser("admin");
    const marketer = await withTwoFactor("marketer");
    await expect(
      resetTwoFactor(database.db, { actorId: admin.id, id: marketer.id, actor: admin.actor }),
    ).resolves.toEqual({ signedOutSessions: 0 });
    expect((await traces(marketer.id)).totp).toEqual([]);

    const owner = await withTwoFactor("owner");
    await createSession(database.db, owner);
    const before = await traces(owner.id);
    await expect(
      resetTwoFactor(database.db, { actorId: admin.id, id: owner.id, actor: admin.actor }),
    ).rejects.toMatchObject({ code: "forbidden", message: "Admins can't invite, change or remove owners." });
    expect(await traces(owner.id)).toEqual(before);
  });

  it("refuses marketers and viewers, who manage no one", async () => {
    const viewer = await withTwoFactor("viewer");
    for (const role of ["marketer", "viewer"] as const) {
      const actor = await newUser(role);
      const before = await traces(viewer.id);
      await expect(
        resetTwoFactor(database.db, { actorId: actor.id, id: viewer.id, actor: actor.actor }),
      ).rejects.toMatchObject({ code: "forbidden" });
      expect(await traces(viewer.id)).toEqual(before);
    }
  });

  it("refuses one's own, pointing to the Two-factor sign-in card", async () => {
    const owner = await withTwoFactor("owner");
    await createSession(database.db, owner);
    const before = await traces(owner.id);
    await expect(
      resetTwoFactor(database.db, { actorId: owner.id, id: owner.id, actor: owner.actor }),
    ).rejects.toMatchObject({ code: "forbidden", message: OWN_TWO_FACTOR_RESET });
    expect(await traces(owner.id)).toEqual(before);
  });

  it("refuses a user without two-factor sign-in and changes nothing, not even a set-up they began", async () => {
    const owner = await newUser("owner");
    const plain = await newUser("admin");
    await createSession(database.db, plain);
    // Begun but never confirmed: not on, so there is nothing to reset, and it stays.
    await database.db.insertInto("user_totp").values({ user_id: plain.id, secret: "unconfirmed" }).execute();
    const before = await traces(plain.id);
    await expect(
      resetTwoFactor(database.db, { actorId: owner.id, id: plain.id, actor: owner.actor }),
    ).rejects.toMatchObject({
      code: "conflict",
      message: `Two-factor sign-in is already off for ${plain.email}.`,
    });
    expect(await traces(plain.id)).toEqual(before);
  });

  it("says so of a user who doesn't exist", async () => {
    const owner = await newUser("owner");
    await expect(
      resetTwoFactor(database.db, { actorId: owner.id, id: "usr_nobody", actor: owner.actor }),
    ).rejects.toMatchObject({ code: "not_found" });
  });

  it("where everyone must use two-factor, leads their next sign-in straight to setting it up again", async () => {
    const owner = await withTwoFactor("owner");
    const admin = await withTwoFactor("admin");
    await setTwoFactorRequirement(database.db, { actor: owner, required: true, auditActor: owner.actor });
    try {
      await resetTwoFactor(database.db, { actorId: owner.id, id: admin.id, actor: owner.actor });
      await expect(
        signIn(database.db, { email: admin.email, password: PASSWORD, ip: "t" }),
      ).resolves.toMatchObject({ next: "signed_in", user: { id: admin.id, mustSetUpTwoFactor: true } });
    } finally {
      await setTwoFactorRequirement(database.db, { actor: owner, required: false, auditActor: owner.actor });
    }
  });
});
