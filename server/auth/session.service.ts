// Admin sessions: a random token in an httpOnly cookie, stored only as its SHA-256.
import "server-only";
import { sql } from "kysely";
import type { Db, Executor } from "@/db";
import { AppError } from "@/server/errors";
import { randomBase62 } from "@/server/lib/ids";
import type { Role } from "@/shared/permissions";
import { getDummyHash, verifyPassword } from "./password";
import { assertNotLocked, clearFailures, recordFailure } from "./sign-in-throttle";
import { sha256Hex } from "./tokens";
import { createSignInChallenge } from "./two-factor/sign-in-challenge";
import { hasTwoFactor, twoFactorIsOn } from "./two-factor/two-factor.service";

export const SESSION_TTL_SECONDS = 14 * 24 * 3600;

export interface SessionUser {
  id: string;
  email: string;
  /** Another admin chose this admin's password: the UI asks for their own before anything else. */
  mustChangePassword: boolean;
  /** Two-factor sign-in is required and this admin has not set it up: that is all they may do. */
  mustSetUpTwoFactor: boolean;
  /** The admin's IANA time zone for absolute times; null is the browser's. */
  timeZone: string | null;
  /** What they may do: shared/permissions.ts. */
  role: Role;
}

export interface SignInResult {
  token: string;
  user: SessionUser;
  expiresAt: Date;
}

/** The password step's outcome: a session, or (two-factor sign-in on) a challenge for the code. */
export type PasswordSignIn =
  | ({ next: "signed_in" } & SignInResult)
  | { next: "second_factor"; challengeToken: string; expiresAt: Date };

export async function signIn(
  db: Db,
  input: { email: string; password: string; ip: string },
): Promise<PasswordSignIn> {
  const email = input.email.trim().toLowerCase();
  const throttleKeys = [`email:${email}`, `ip:${input.ip}`];
  await assertNotLocked(db, throttleKeys);

  const user = await db
    .selectFrom("users")
    .select(["id", "password_hash"])
    .where("email", "=", email)
    .executeTakeFirst();
  const valid = await verifyPassword(input.password, user?.password_hash ?? (await getDummyHash()));
  if (!user || !valid) {
    await recordFailure(db, throttleKeys);
    throw new AppError("unauthorized", "That email and password don't match an admin account.");
  }
  // Only now may the answer differ between accounts with and without a second factor. Their
  // failures are cleared once the code is right too: a right password alone must not reset the
  // count of wrong codes.
  if (await hasTwoFactor(db, user.id)) {
    const challenge = await createSignInChallenge(db, user.id);
    return { next: "second_factor", challengeToken: challenge.token, expiresAt: challenge.expiresAt };
  }
  await clearFailures(db, `email:${email}`);
  const session = await createSession(db, user);
  return { next: "signed_in", ...session };
}

export async function createSession(db: Executor, user: { id: string }): Promise<SignInResult> {
  const token = randomBase62(43);
  const expiresAt = new Date(Date.now() + SESSION_TTL_SECONDS * 1000);
  await db
    .insertInto("sessions")
    .values({ id: sha256Hex(token), user_id: user.id, expires_at: expiresAt })
    .execute();
  const sessionUser = await getSessionUser(db, token);
  if (!sessionUser) throw new AppError("unauthorized", "Your account no longer exists.");
  return { token, user: sessionUser, expiresAt };
}

export async function getSessionUser(db: Executor, token: string | undefined): Promise<SessionUser | null> {
  if (!token || token.length > 100) return null;
  const row = await db
    .selectFrom("sessions")
    .innerJoin("users", "users.id", "sessions.user_id")
    .select((eb) => [
      "users.id",
      "users.email",
      "users.must_change_password",
      "users.time_zone",
      "users.role",
      twoFactorIsOn(eb).as("has_two_factor"),
      eb.selectFrom("security_settings").select("require_two_factor").as("two_factor_required"),
    ])
    .where("sessions.id", "=", sha256Hex(token))
    .where("sessions.expires_at", ">", sql<Date>`now()`)
    .executeTakeFirst();
  if (!row) return null;
  return {
    id: row.id,
    email: row.email,
    mustChangePassword: row.must_change_password,
    mustSetUpTwoFactor: Boolean(row.two_factor_required) && !row.has_two_factor,
    timeZone: row.time_zone,
    role: row.role,
  };
}

export async function signOut(db: Db, token: string | undefined): Promise<void> {
  if (!token) return;
  await db.deleteFrom("sessions").where("id", "=", sha256Hex(token)).execute();
}

/** Forgets expired sessions and sign-ins, and old sign-in failures, so no table grows without end. */
export async function pruneAuthRecords(db: Db): Promise<void> {
  await db.deleteFrom("sessions").where("expires_at", "<", sql<Date>`now()`).execute();
  await db.deleteFrom("sign_in_challenges").where("expires_at", "<", sql<Date>`now()`).execute();
  await db
    .deleteFrom("sign_in_throttle")
    .where("updated_at", "<", sql<Date>`now() - interval '1 day'`)
    .where((eb) => eb.or([eb("locked_until", "is", null), eb("locked_until", "<", sql<Date>`now()`)]))
    .execute();
  // Every invitation expires within a week, accepted, revoked or not; its row is kept a month past
  // that so an old link still says what became of it ("already accepted") rather than "unknown".
  await db
    .deleteFrom("invitations")
    .where("expires_at", "<", sql<Date>`now() - make_interval(days => ${INVITATION_ROWS_KEPT_DAYS})`)
    .execute();
  // A portal link past its expiry opens nothing whether its row is there or not.
  await db.deleteFrom("portal_sessions").where("expires_at", "<", sql<Date>`now()`).execute();
}

/** How long an invitation's row outlives its expiry. */
export const INVITATION_ROWS_KEPT_DAYS = 30;
