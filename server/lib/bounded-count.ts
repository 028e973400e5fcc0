// "N matching" totals for the admin lists: counted exactly up to a bound, since an exact count past
// it would read every match (millions of contacts or events), and beyond it the planner's estimate,
// which the UI labels as one.
import { type SelectQueryBuilder, sql } from "kysely";
import { z } from "zod";
import type { DB, Executor } from "@/db";

/** Counted exactly up to this many; past it lists say "about N". */
export const EXACT_COUNT_BOUND = 10_000;

export const boundedCount = z.object({
  count: z.number().int(),
  /** False when `count` is the planner's estimate (more than the bound matched). */
  exact: z.boolean(),
});
export type BoundedCount = z.infer<typeof boundedCount>;

/**
 * How many rows `matches` (the list's own filtered query, one column selected, no order or limit)
 * returns: it reads at most `bound + 1` of them.
 */
export async function countUpTo<O>(
  db: Executor,
  // biome-ignore lint/suspicious/noExplicitAny: any table of the database, any joins
  matches: SelectQueryBuilder<DB, any, O>,
  bound = EXACT_COUNT_BOUND,
): Promise<BoundedCount> {
  const row = await db
    .selectFrom(matches.limit(bound + 1).as("matches"))
    .select(sql<number>`count(*)::int`.as("n"))
    .executeTakeFirstOrThrow();
  if (row.n <= bound) return { count: row.n, exact: true };
  const plan = await sql<{
    "QUERY PLAN": Array<{ Plan: { "Plan Rows": number } }>;
  }>`explain (format json) ${matches}`.execute(db);
  const estimate = Math.round(plan.rows[0]?.["QUERY PLAN"][0]?.Plan["Plan Rows"] ?? 0);
  // Never less than was seen: a stale estimate would otherwise say "about 200" of 10,001 found.
  return { count: Math.max(estimate, bound + 1), exact: false };
}
