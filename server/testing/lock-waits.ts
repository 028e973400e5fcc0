// For tests that make transactions overlap on PostgreSQL: wait until `count` queries of this
// database are blocked on a lock, so the contenders are truly waiting side by side.
import { sql } from "kysely";
import type { Db } from "@/db";

export async function waitForLockWaits(db: Db, count: number, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { rows } = await sql<{ waiting: number }>`
      select count(*)::int as waiting from pg_stat_activity
      where datname = current_database() and wait_event_type = 'Lock'`.execute(db);
    if ((rows[0]?.waiting ?? 0) >= count) return;
    if (Date.now() > deadline) throw new Error(`Expected ${count} queries waiting on locks.`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
