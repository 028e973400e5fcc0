// Slows down password guessing: after a few failures, a key (an account or an IP) is locked for a
// time that doubles with each further failure. Kept in the database so every process agrees.
import { sql } from "kysely";
import type { Db, Executor } from "@/db";
import { AppError } from "@/server/errors";

const FREE_FAILURES = 5;
const MAX_LOCK_SECONDS = 15 * 60;
/** Failures older than this are forgotten. */
const WINDOW_SECONDS = 15 * 60;

export function lockSeconds(failures: number): number {
  if (failures < FREE_FAILURES) return 0;
  return Math.min(2 ** (failures - FREE_FAILURES), MAX_LOCK_SECONDS);
}

export async function assertNotLocked(db: Db, keys: string[]): Promise<void> {
  const rows = await db
    .selectFrom("sign_in_throttle")
    .select(sql<number>`ceil(extract(epoch from (locked_until - now())))::int`.as("wait"))
    .where("key", "in", keys)
    .where("locked_until", ">", sql<Date>`now()`)
    .execute();
  const wait = Math.max(0, ...rows.map((row) => row.wait));
  if (wait > 0) {
    throw new AppError("rate_limited", `Too many failed sign-ins. Try again in ${wait} seconds.`, {
      retryAfter: wait,
    });
  }
}

export async function recordFailure(db: Db, keys: string[]): Promise<void> {
  for (const key of keys) {
    const row = await db
      .insertInto("sign_in_throttle")
      .values({ key, failures: 1 })
      .onConflict((oc) =>
        oc.column("key").doUpdateSet({
          failures: sql`case when sign_in_throttle.updated_at < now() - make_interval(secs => ${WINDOW_SECONDS})
            then 1 else sign_in_throttle.failures + 1 end`,
          updated_at: sql`now()`,
        }),
      )
      .returning("failures")
      .executeTakeFirstOrThrow();
    const seconds = lockSeconds(row.failures);
    if (seconds > 0) {
      await db
        .updateTable("sign_in_throttle")
        .set({ locked_until: sql`now() + make_interval(secs => ${seconds})` })
        .where("key", "=", key)
        .execute();
    }
  }
}

export async function clearFailures(db: Executor, key: string): Promise<void> {
  await db.deleteFrom("sign_in_throttle").where("key", "=", key).execute();
}
