// Admin sessions: a random token in an httpOnly cookie, stored only as its SHA-256.
import { sql } from "kysely";
import type { Db } from "@/db";
import { AppError } from "@/server/errors";
import { randomBase62 } from "@/server/lib/ids";
import { getDummyHash, verifyPassword } from "./password";
import { assertNotLocked, clearFailures, recordFailure } from "./sign-in-throttle";
import { sha256Hex } from "./tokens";

export const SESSION_TTL_SECONDS = 14 * 24 * 3600;

export interface SessionUser {
  id: string;
  email: string;
  /** Another admin chose this admin's password: the UI asks for their own before anything else. */
  mustChangePassword: boolean;
}

export interface SignInResult {
  token: string;
  user: SessionUser;
  expiresAt: Date;
}

export async function signIn(
  db: Db,
  input: { email: string; password: string; ip: string },
): Promise<SignInResult> {
  const email = input.email.trim().toLowerCase();
  const throttleKeys = [`email:${email}`, `ip:${input.ip}`];
  await assertNotLocked(db, throttleKeys);

  const user = await db
    .selectFrom("users")
    .select(["id", "email", "password_hash", "must_change_password"])
    .where("email", "=", email)
    .executeTakeFirst();
  const valid = await verifyPassword(input.password, user?.password_hash ?? (await getDummyHash()));
  if (!user || !valid) {
    await recordFailure(db, throttleKeys);
    throw new AppError("unauthorized", "That email and password don't match an admin account.");
  }
  await clearFailures(db, `email:${email}`);
  return createSession(db, { id: user.id, email: user.email, mustChangePassword: user.must_change_password });
}

export async function createSession(db: Db, user: SessionUser): Promise<SignInResult> {
  const token = randomBase62(43);
  const expiresAt = new Date(Date.now() + SESSION_TTL_SECONDS * 1000);
  await db
    .insertInto("sessions")
    .values({ id: sha256Hex(token), user_id: user.id, expires_at: expiresAt })
    .execute();
  return { token, user, expiresAt };
}

export async function getSessionUser(db: Db, token: string | undefined): Promise<SessionUser | null> {
  if (!token || token.length > 100) return null;
  const row = await db
    .selectFrom("sessions")
    .innerJoin("users", "users.id", "sessions.user_id")
    .select(["users.id", "users.email", "users.must_change_password"])
    .where("sessions.id", "=", sha256Hex(token))
    .where("sessions.expires_at", ">", sql<Date>`now()`)
    .executeTakeFirst();
  return row ? { id: row.id, email: row.email, mustChangePassword: row.must_change_password } : null;
}

export async function signOut(db: Db, token: string | undefined): Promise<void> {
  if (!token) return;
  await db.deleteFrom("sessions").where("id", "=", sha256Hex(token)).execute();
}

/** Forgets expired sessions and old sign-in failures, so neither table grows without end. */
export async function pruneAuthRecords(db: Db): Promise<void> {
  await db.deleteFrom("sessions").where("expires_at", "<", sql<Date>`now()`).execute();
  await db
    .deleteFrom("sign_in_throttle")
    .where("updated_at", "<", sql<Date>`now() - interval '1 day'`)
    .where((eb) => eb.or([eb("locked_until", "is", null), eb("locked_until", "<", sql<Date>`now()`)]))
    .execute();
}
