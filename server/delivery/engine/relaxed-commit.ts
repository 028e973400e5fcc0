// How the engine's transactions commit: without waiting for their WAL flush.
import { sql } from "kysely";
import type { Executor } from "@/db";

/**
 * Every engine transaction commits without waiting for its WAL flush (`synchronous_commit = off`,
 * for that transaction only — the app's own transactions, the outbox events among them, keep full
 * durability on the same pool). This is safe because delivery is at-least-once by contract: a
 * PostgreSQL crash can lose the last few hundred milliseconds of engine commits, which means a
 * lease or a result that never happened — the delivery comes due again and is re-sent with the
 * same webhook-id, which receivers dedupe on. It can never lose an event or a delivery row whose
 * event was durably committed: fan-out is redone from the event's `fanout_pending` flag, and the
 * redo names each delivery as the lost fan-out did (delivery-id.ts), so one that went out before
 * the crash goes out again under the same webhook-id. It takes the fsync off every pass and every
 * result write.
 */
export const RELAXED_COMMIT = sql`set_config('synchronous_commit', 'off', true)`;

/** Makes the current engine transaction's commit asynchronous (see RELAXED_COMMIT). */
export async function relaxCommit(trx: Executor): Promise<void> {
  await sql`select ${RELAXED_COMMIT}`.execute(trx);
}
