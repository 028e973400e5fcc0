// The half-signed-in state between a right password and the second factor. It lives on the
// server; the browser that gave the password holds its token in an httpOnly cookie, and nothing
// else does. It lasts minutes, takes a few wrong codes, and is used up by the right one.
import { sql } from "kysely";
import type { Executor } from "@/db";
import { randomBase62 } from "@/server/lib/ids";
import { sha256Hex } from "../tokens";

export const SIGN_IN_CHALLENGE_SECONDS = 5 * 60;
/** Wrong codes one challenge takes before the password must be given again. */
export const CHALLENGE_CODE_ATTEMPTS = 5;

export async function createSignInChallenge(
  db: Executor,
  userId: string,
): Promise<{ token: string; expiresAt: Date }> {
  const token = randomBase62(43);
  const row = await db
    .insertInto("sign_in_challenges")
    .values({
      id: sha256Hex(token),
      user_id: userId,
      expires_at: sql<Date>`now() + make_interval(secs => ${SIGN_IN_CHALLENGE_SECONDS})`,
    })
    .returning("expires_at")
    .executeTakeFirstOrThrow();
  return { token, expiresAt: row.expires_at };
}

/**
 * The live challenge a token names; undefined once used, expired or never issued. `forUpdate`
 * (inside a transaction) makes concurrent uses of one challenge take turns.
 */
export async function findSignInChallenge(
  db: Executor,
  token: string | undefined,
  options: { forUpdate?: boolean } = {},
) {
  if (!token || token.length > 100) return undefined;
  let query = db
    .selectFrom("sign_in_challenges")
    .innerJoin("users", "users.id", "sign_in_challenges.user_id")
    .select([
      "sign_in_challenges.id",
      "sign_in_challenges.failed_attempts",
      "users.id as userId",
      "users.email",
    ])
    .where("sign_in_challenges.id", "=", sha256Hex(token))
    .where("sign_in_challenges.expires_at", ">", sql<Date>`now()`);
  if (options.forUpdate) query = query.forUpdate("sign_in_challenges");
  return query.executeTakeFirst();
}

/** Counts a wrong code; the last allowed one ends the challenge. */
export async function recordWrongCode(
  db: Executor,
  challengeId: string,
  failedAttempts: number,
): Promise<void> {
  if (failedAttempts + 1 >= CHALLENGE_CODE_ATTEMPTS) {
    await db.deleteFrom("sign_in_challenges").where("id", "=", challengeId).execute();
  } else {
    await db
      .updateTable("sign_in_challenges")
      .set({ failed_attempts: failedAttempts + 1 })
      .where("id", "=", challengeId)
      .execute();
  }
}

export async function deleteSignInChallenge(db: Executor, challengeId: string): Promise<void> {
  await db.deleteFrom("sign_in_challenges").where("id", "=", challengeId).execute();
}
