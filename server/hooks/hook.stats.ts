// How many deliveries each hook still has to send: the one number of a hook's stats that is not a
// counter on the hooks row, because it changes with every fan-out and every attempt.
import { sql } from "kysely";
import type { Executor } from "@/db";

/**
 * Pending deliveries per hook id; hooks with none are absent from the map. One grouped count over
 * the given ids, answered from the deliveries' partial index on pending rows.
 */
export async function countPendingDeliveries(
  db: Executor,
  hookIds: readonly string[],
): Promise<Map<string, number>> {
  if (hookIds.length === 0) return new Map();
  const rows = await db
    .selectFrom("deliveries")
    .select(["hook_id", sql<number>`count(*)::int`.as("n")])
    .where("status", "=", "pending")
    .where("hook_id", "in", [...hookIds])
    .groupBy("hook_id")
    .execute();
  return new Map(rows.map((row) => [row.hook_id, row.n]));
}
