// A fixed-window rate limit kept in the database rather than in process memory: Hookline runs as
// several stateless instances on one PostgreSQL, and an in-process counter would multiply the limit
// by the number of instances and forget it at every restart. One upsert per public request is cheap.
import { sql } from "kysely";
import type { Db } from "@/db";
import { AppError } from "@/server/errors";

export interface RateLimit {
  /** Requests allowed per window. */
  limit: number;
  windowSeconds: number;
}

/** Counts one hit for `key`; throws 429 rate_limited with Retry-After once the window's limit is spent. */
export async function consumeRateLimit(
  db: Db,
  key: string,
  { limit, windowSeconds }: RateLimit,
): Promise<void> {
  const row = await db
    .insertInto("public_rate_limits")
    .values({ key, hits: 1 })
    .onConflict((oc) =>
      oc.column("key").doUpdateSet({
        // The window restarts on the first hit after it ran out.
        hits: sql`case when public_rate_limits.window_start <= now() - make_interval(secs => ${windowSeconds})
          then 1 else public_rate_limits.hits + 1 end`,
        window_start: sql`case when public_rate_limits.window_start <= now() - make_interval(secs => ${windowSeconds})
          then now() else public_rate_limits.window_start end`,
      }),
    )
    .returning([
      "hits",
      sql<number>`ceil(extract(epoch from (window_start + make_interval(secs => ${windowSeconds}) - now())))::int`.as(
        "resets_in",
      ),
    ])
    .executeTakeFirstOrThrow();
  if (row.hits > limit) {
    const wait = Math.max(1, row.resets_in);
    throw new AppError("rate_limited", `Too many requests. Try again in ${wait} seconds.`, {
      retryAfter: wait,
    });
  }
}

/** Drops windows that ended long ago, so the table holds only recent visitors. */
export async function pruneRateLimits(db: Db, olderThanSeconds = 3600): Promise<void> {
  await db
    .deleteFrom("public_rate_limits")
    .where("window_start", "<", sql<Date>`now() - make_interval(secs => ${olderThanSeconds})`)
    .execute();
}
