// Users: the one-time setup of the first owner, more from the CLI (invitations add the rest),
// roles, password changes and resets, and changes that never leave Hookline without an owner.
import "server-only";
import { sql } from "kysely";
import { z } from "zod";
import type { Db, Executor } from "@/db";
import { recordAudit } from "@/server/audit/audit.service";
import { AppError, isUniqueViolation, notFound } from "@/server/errors";
import type { Actor } from "@/server/events/actor";
import { newId } from "@/server/lib/ids";
import { type Action, actionToManage, can, type Role, refusalMessage } from "@/shared/permissions";
import { hashPassword, verifyPassword } from "./password";
import { assertNotLocked, clearFailures, recordFailure } from "./sign-in-throttle";
import { sha256Hex } from "./tokens";
import { clearTwoFactor, twoFactorIsOn } from "./two-factor/two-factor.service";

export const userInput = z.object({
  email: z.string().trim().toLowerCase().pipe(z.email("Enter a valid email address.")),
  password: z
    .string()
    .min(10, "Use at least 10 characters for the password.")
    .max(200, "Use at most 200 characters for the password."),
});
export type UserInput = z.infer<typeof userInput>;

export interface UserResource {
  id: string;
  email: string;
  role: Role;
  created_at: string;
}

export async function hasAnyUser(db: Db): Promise<boolean> {
  const row = await db.selectFrom("users").select("id").limit(1).executeTakeFirst();
  return row !== undefined;
}

async function insertUser(
  db: Executor,
  input: UserInput & { role: Role },
  mustChangePassword = false,
): Promise<UserResource> {
  const passwordHash = await hashPassword(input.password);
  return insertUserWithHash(db, { email: input.email, role: input.role, passwordHash }, mustChangePassword);
}

/** Inserts a user whose password is already hashed (hash before taking locks: scrypt is slow). */
export async function insertUserWithHash(
  db: Executor,
  input: { email: string; role: Role; passwordHash: string },
  mustChangePassword = false,
): Promise<UserResource> {
  const { passwordHash } = input;
  try {
    const row = await db
      .insertInto("users")
      .values({
        id: newId("usr"),
        email: input.email,
        password_hash: passwordHash,
        must_change_password: mustChangePassword,
        role: input.role,
      })
      .returning(["id", "email", "role", "created_at"])
      .executeTakeFirstOrThrow();
    return { id: row.id, email: row.email, role: row.role, created_at: row.created_at.toISOString() };
  } catch (error) {
    if (isUniqueViolation(error)) {
      const message = "A user with this email already exists.";
      throw new AppError("conflict", message, { details: [{ path: "email", message }] });
    }
    throw error;
  }
}

/**
 * Adds a user from a shell (the CLI; the UI invites instead), an owner unless `role` says
 * otherwise. `chosenByAnother`: someone else picked the password, so the user is asked to choose
 * their own before anything else.
 */
export function createUser(
  db: Db,
  input: UserInput,
  options: { chosenByAnother?: boolean; role?: Role; actor?: Actor } = {},
): Promise<UserResource> {
  return db.transaction().execute(async (trx) => {
    const user = await insertUser(
      trx,
      { ...input, role: options.role ?? "owner" },
      options.chosenByAnother ?? false,
    );
    await auditUserCreated(trx, options.actor ?? CLI, user);
    return user;
  });
}

/** Who changed an account when no admin is named: the command line, the only other way in. */
const CLI: Actor = { source: "system", job: "cli" };

export function auditUserCreated(trx: Executor, actor: Actor, user: UserResource) {
  return recordAudit(trx, actor, {
    kind: "user.created",
    objectType: "user",
    objectId: user.id,
    changes: { email: { before: null, after: user.email }, role: { before: null, after: user.role } },
  });
}

/**
 * Creates the first admin, and only while there is none. The table lock makes two racing setup
 * requests create one admin, not two.
 */
export function createFirstAdmin(db: Db, input: UserInput): Promise<UserResource> {
  return db.transaction().execute(async (trx) => {
    await sql`lock table users in exclusive mode`.execute(trx);
    const existing = await trx.selectFrom("users").select("id").limit(1).executeTakeFirst();
    if (existing) throw new AppError("forbidden", "Hookline is already set up. Sign in instead.");
    const user = await insertUser(trx, { ...input, role: "owner" });
    await auditUserCreated(trx, { source: "system", job: "setup" }, user);
    return user;
  });
}

export interface AdminResource extends UserResource {
  /** When the newest live session began; null once every session has ended (signed out or expired). */
  last_sign_in_at: string | null;
  /** Signs in with a second factor (an authenticator app). */
  two_factor: boolean;
}

/** Every admin, oldest first. */
export async function listUsers(db: Executor): Promise<AdminResource[]> {
  const rows = await db
    .selectFrom("users")
    .select((eb) => [
      "users.id",
      "users.email",
      "users.role",
      "users.created_at",
      eb
        .selectFrom("sessions")
        .select((inner) => inner.fn.max("sessions.created_at").as("newest"))
        .whereRef("sessions.user_id", "=", "users.id")
        .as("last_sign_in_at"),
      twoFactorIsOn(eb).as("two_factor"),
    ])
    .orderBy("users.id")
    .execute();
  return rows.map((row) => ({
    id: row.id,
    email: row.email,
    role: row.role,
    created_at: row.created_at.toISOString(),
    last_sign_in_at: row.last_sign_in_at ? new Date(row.last_sign_in_at).toISOString() : null,
    two_factor: Boolean(row.two_factor),
  }));
}

/** The zone absolute times are shown in for this admin; null leaves it to their browser. */
export async function setTimeZone(
  db: Db,
  input: { userId: string; timeZone: string | null; actor: Actor },
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const before = await trx
      .selectFrom("users")
      .select("time_zone")
      .where("id", "=", input.userId)
      .forUpdate()
      .executeTakeFirst();
    if (!before) throw notFound("user");
    if (before.time_zone === input.timeZone) return;
    await trx
      .updateTable("users")
      .set({ time_zone: input.timeZone })
      .where("id", "=", input.userId)
      .execute();
    await recordAudit(trx, input.actor, {
      kind: "settings.time_zone_changed",
      objectType: "user",
      objectId: input.userId,
      changes: { time_zone: { before: before.time_zone, after: input.timeZone } },
    });
  });
}

/**
 * Changes a signed-in admin's password after checking the current one, and signs out every other
 * session of theirs: whoever may have learnt the old password loses the sessions it gave them.
 * The session making the change (`keepSessionToken`) stays. Wrong guesses count towards the same
 * lock as failed sign-ins, so a borrowed session can't be used to brute-force the password.
 */
export async function changePassword(
  db: Db,
  input: {
    userId: string;
    currentPassword: string;
    newPassword: string;
    keepSessionToken?: string | undefined;
    actor?: Actor;
  },
): Promise<{ signedOutSessions: number }> {
  const user = await db
    .selectFrom("users")
    .select(["email"])
    .where("id", "=", input.userId)
    .executeTakeFirst();
  if (!user) throw notFound("user");
  const throttleKey = `email:${user.email}`;
  await assertNotLocked(db, [throttleKey]);
  // Hash before the transaction: scrypt is slow and the row lock need not wait for it.
  const newHash = await hashPassword(input.newPassword);

  const outcome = await db.transaction().execute(async (trx) => {
    // The row lock makes two concurrent changes check the current password one after the other.
    const row = await trx
      .selectFrom("users")
      .select(["password_hash"])
      .where("id", "=", input.userId)
      .forUpdate()
      .executeTakeFirst();
    if (!row) throw notFound("user");
    if (!(await verifyPassword(input.currentPassword, row.password_hash))) return "wrong" as const;
    await trx
      .updateTable("users")
      .set({ password_hash: newHash, must_change_password: false })
      .where("id", "=", input.userId)
      .execute();
    let others = trx.deleteFrom("sessions").where("user_id", "=", input.userId);
    if (input.keepSessionToken) others = others.where("id", "!=", sha256Hex(input.keepSessionToken));
    const deleted = await others.executeTakeFirst();
    // So does a sign-in that got past the old password and waits for its second factor.
    await trx.deleteFrom("sign_in_challenges").where("user_id", "=", input.userId).execute();
    // That it changed, never what it is (nor its hash).
    await recordAudit(trx, input.actor ?? { source: "admin", userId: input.userId, email: user.email }, {
      kind: "user.password_changed",
      objectType: "user",
      objectId: input.userId,
    });
    return { signedOutSessions: Number(deleted.numDeletedRows) };
  });

  if (outcome === "wrong") {
    // Counted like a failed sign-in; nothing was written.
    await recordFailure(db, [throttleKey]);
    const message = "That isn't your current password.";
    throw new AppError("validation_failed", message, { details: [{ path: "currentPassword", message }] });
  }
  await clearFailures(db, throttleKey);
  return outcome;
}

/**
 * Sets a new password for an admin who can't sign in (the CLI's way back in): signs out every
 * session of theirs, lifts the sign-in lock on their email and turns two-factor sign-in off (the
 * phone may be what was lost), so the new password alone works at once.
 */
export async function resetPassword(
  db: Db,
  input: UserInput,
): Promise<{ signedOutSessions: number; twoFactorCleared: boolean }> {
  const newHash = await hashPassword(input.password);
  return db.transaction().execute(async (trx) => {
    const user = await trx
      .updateTable("users")
      .set({ password_hash: newHash, must_change_password: false })
      .where("email", "=", input.email)
      .returning("id")
      .executeTakeFirst();
    if (!user) throw new AppError("not_found", `No admin has the email ${input.email}.`);
    const deleted = await trx.deleteFrom("sessions").where("user_id", "=", user.id).executeTakeFirst();
    await clearFailures(trx, `email:${input.email}`);
    const twoFactorCleared = await clearTwoFactor(trx, user.id);
    await recordAudit(trx, CLI, {
      kind: "user.password_reset",
      objectType: "user",
      objectId: user.id,
      changes: twoFactorCleared ? { two_factor: { before: true, after: false } } : {},
    });
    return { signedOutSessions: Number(deleted.numDeletedRows), twoFactorCleared };
  });
}

/**
 * Takes the table lock that serializes every change to who is an owner, and reads the acting
 * user's role as it is now: a request in flight from someone demoted or removed a moment ago no
 * longer speaks with their old role. Share row exclusive conflicts with itself and with every
 * write, but not with plain reads, so sign-ins and page loads carry on meanwhile.
 */
export async function lockUsersForChange(
  trx: Executor,
  actorId: string,
): Promise<{ actorRole: Role; owners: number }> {
  await sql`lock table users in share row exclusive mode`.execute(trx);
  const actor = await trx.selectFrom("users").select("role").where("id", "=", actorId).executeTakeFirst();
  if (!actor) throw new AppError("unauthorized", "Your account no longer exists.");
  const { owners } = await trx
    .selectFrom("users")
    .select((eb) => eb.fn.countAll<number>().as("owners"))
    .where("role", "=", "owner")
    .executeTakeFirstOrThrow();
  return { actorRole: actor.role, owners: Number(owners) };
}

export function assertMayManage(actorRole: Role, action: Action): void {
  if (!can(actorRole, action)) throw new AppError("forbidden", refusalMessage(actorRole, action));
}

const LAST_OWNER = "Hookline needs at least one owner: make someone else an owner first.";

/**
 * Gives a user another role. Managing an owner, or making someone one, takes an owner; the last
 * owner keeps the role. Under the table lock, two owners demoting each other at the same moment
 * are decided one after the other, and the second finds the first no longer an owner.
 */
export function setUserRole(
  db: Db,
  input: { actorId: string; id: string; role: Role; actor?: Actor },
): Promise<UserResource> {
  return db.transaction().execute(async (trx) => {
    const { actorRole, owners } = await lockUsersForChange(trx, input.actorId);
    const target = await trx.selectFrom("users").select("role").where("id", "=", input.id).executeTakeFirst();
    if (!target) throw notFound("user");
    assertMayManage(actorRole, actionToManage(target.role));
    assertMayManage(actorRole, actionToManage(input.role));
    if (target.role === "owner" && input.role !== "owner" && owners <= 1) {
      throw new AppError("forbidden", LAST_OWNER);
    }
    const row = await trx
      .updateTable("users")
      .set({ role: input.role })
      .where("id", "=", input.id)
      .returning(["id", "email", "role", "created_at"])
      .executeTakeFirstOrThrow();
    if (target.role !== input.role) {
      await recordAudit(trx, input.actor ?? CLI, {
        kind: "user.role_changed",
        objectType: "user",
        objectId: input.id,
        changes: { role: { before: target.role, after: input.role } },
      });
    }
    return { id: row.id, email: row.email, role: row.role, created_at: row.created_at.toISOString() };
  });
}

/**
 * The CLI's way back in for a locked-out owner: makes the user with this email an owner, whoever
 * else is (or was) one.
 */
export async function makeOwner(db: Db, email: string): Promise<{ id: string; previousRole: Role }> {
  return db.transaction().execute(async (trx) => {
    const before = await trx
      .selectFrom("users")
      .select(["id", "role"])
      .where("email", "=", email.trim().toLowerCase())
      .forUpdate()
      .executeTakeFirst();
    if (!before) throw new AppError("not_found", `No user has the email ${email}.`);
    await trx.updateTable("users").set({ role: "owner" }).where("id", "=", before.id).execute();
    if (before.role !== "owner") {
      await recordAudit(trx, CLI, {
        kind: "user.role_changed",
        objectType: "user",
        objectId: before.id,
        changes: { role: { before: before.role, after: "owner" } },
      });
    }
    return { id: before.id, previousRole: before.role };
  });
}

/**
 * Removes a user; their sessions go with them (the foreign key cascades). No one removes
 * themself, only an owner removes an owner, and the last owner stays: the table lock serializes
 * concurrent removals and role changes, so they can't leave Hookline without one.
 */
export function deleteUser(db: Db, input: { actorId: string; id: string; actor?: Actor }): Promise<void> {
  if (input.actorId === input.id) {
    return Promise.reject(new AppError("forbidden", "You can't delete your own account."));
  }
  return db.transaction().execute(async (trx) => {
    const { actorRole, owners } = await lockUsersForChange(trx, input.actorId);
    const target = await trx.selectFrom("users").select("role").where("id", "=", input.id).executeTakeFirst();
    if (!target) throw notFound("user");
    assertMayManage(actorRole, actionToManage(target.role));
    if (target.role === "owner" && owners <= 1) throw new AppError("forbidden", LAST_OWNER);
    const removed = await trx
      .deleteFrom("users")
      .where("id", "=", input.id)
      .returning("email")
      .executeTakeFirstOrThrow();
    await recordAudit(trx, input.actor ?? CLI, {
      kind: "user.deleted",
      objectType: "user",
      objectId: input.id,
      changes: { email: { before: removed.email, after: null }, role: { before: target.role, after: null } },
    });
  });
}
