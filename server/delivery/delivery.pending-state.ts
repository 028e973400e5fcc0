// Where a pending delivery stands, for the admin UI. Its `next_attempt_at` alone misleads twice:
// a delivery on the wire shows its lease's expiry (a minute away), and an ordered hook's queued
// deliveries show "due now" while they wait, possibly for hours, behind one that keeps failing.
import { sql } from "kysely";
import type { Executor } from "@/db";
import { type PendingState, pendingState } from "@/shared/pending-state";

export { type PendingState, pendingState };

const NOT_PENDING: PendingState = { sending: false, waits_for: null };

/**
 * `deliveries`, each with its `queue` state; those not pending get NOT_PENDING. They may belong to
 * any hooks (an event's deliveries span many): each one's hook is read from the table.
 */
export async function withPendingStates<T extends { id: string; status: string }>(
  db: Executor,
  deliveries: readonly T[],
): Promise<Array<T & { queue: PendingState }>> {
  const pending = deliveries.filter((delivery) => delivery.status === "pending");
  if (pending.length === 0) return deliveries.map((delivery) => ({ ...delivery, queue: NOT_PENDING }));
  const result = await sql<{ id: string; sending: boolean; waits_for: PendingState["waits_for"] }>`
    select d.id, coalesce(d.lease_expires_at > now(), false) as sending,
           case when head.sequence < d.sequence
                then json_build_object('id', head.id, 'sequence', head.sequence) end as waits_for
    from deliveries d
    join hooks h on h.id = d.hook_id
    -- An ordered hook's lowest pending sequence holds its others back (deliveries_pending_sequence_idx).
    left join lateral (
      select p.id, p.sequence from deliveries p
      where h.ordered and p.hook_id = d.hook_id and p.status = 'pending'
      order by p.sequence limit 1
    ) head on true
    where d.id = any(${pending.map((delivery) => delivery.id)}::text[]) and d.status = 'pending'
  `.execute(db);
  const states = new Map(result.rows.map((row) => [row.id, row]));
  return deliveries.map((delivery) => {
    const state = delivery.status === "pending" ? states.get(delivery.id) : undefined;
    return {
      ...delivery,
      queue: state ? { sending: state.sending, waits_for: state.waits_for } : NOT_PENDING,
    };
  });
}
