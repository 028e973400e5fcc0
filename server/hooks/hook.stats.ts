// How many deliveries each hook still has to send: the one number of a hook's stats that is not a
// counter on the hooks row, because it changes with every fan-out and every attempt.
import { sql } from "kysely";
import type { Executor } from "@/db";

/**
 * Counting stops here. A hook with a large backlog (an import of 100,000 contacts) would otherwise
 * make every page that shows it count every pending row; past this, "at least" is all anyone needs.
 */
export const PENDING_COUNT_CAP = 10_000;

/**
 * Pending deliveries per hook id, exact up to PENDING_COUNT_CAP and capped there; hooks with none
 * are absent from the map. Each hook's count walks at most the cap's worth of its partial index
 * on pending rows.
 */
export async function countPendingDeliveries(
  db: Executor,
  hookIds: readonly string[],
): Promise<Map<string, number>> {
  if (hookIds.length === 0) return new Map();
  const { rows } = await sql<{ hook_id: string; n: number }>`
    select ids.hook_id, (
      select count(*)::int from (
        select 1 from deliveries
        where deliveries.hook_id = ids.hook_id and deliveries.status = 'pending'
        limit ${PENDING_COUNT_CAP}
      ) as capped
    ) as n
    from unnest(${[...hookIds]}::text[]) as ids(hook_id)`.execute(db);
  return new Map(rows.filter((row) => row.n > 0).map((row) => [row.hook_id, row.n]));
}
