// Where a pending delivery stands, for the admin UI. Its `next_attempt_at` alone misleads twice:
// a delivery on the wire shows its lease's expiry (a minute away), and an ordered hook's queued
// deliveries show "due now" while they wait, possibly for hours, behind one that keeps failing.
import { sql } from "kysely";
import { z } from "zod";
import type { Executor } from "@/db";

export const pendingState = z.object({
  /** Leased by a worker right now: the attempt is under way. */
  sending: z.boolean(),
  /** An ordered hook's delivery waiting for this one (the hook's lowest pending) to be delivered or fail. */
  waits_for: z.object({ id: z.string(), sequence: z.number().int() }).nullable(),
});
export type PendingState = z.infer<typeof pendingState>;

const NOT_PENDING: PendingState = { sending: false, waits_for: null };

/** `deliveries` (one hook's), each with its `queue` state; those not pending get NOT_PENDING. */
export async function withPendingStates<T extends { id: string; sequence: number; status: string }>(
  db: Executor,
  hookId: string,
  deliveries: readonly T[],
): Promise<Array<T & { queue: PendingState }>> {
  const pending = deliveries.filter((delivery) => delivery.status === "pending");
  if (pending.length === 0) return deliveries.map((delivery) => ({ ...delivery, queue: NOT_PENDING }));
  const result = await sql<{ head: { id: string; sequence: number } | null; sending: string[] | null }>`
    select
      -- The lowest pending sequence holds an ordered hook's others back (deliveries_pending_sequence_idx).
      (select json_build_object('id', d.id, 'sequence', d.sequence) from deliveries d
       where d.hook_id = h.id and d.status = 'pending' and h.ordered
       order by d.sequence limit 1) as head,
      array(select d.id from deliveries d
            where d.id = any(${pending.map((delivery) => delivery.id)}::text[])
              and d.status = 'pending' and d.lease_expires_at > now()) as sending
    from hooks h
    where h.id = ${hookId}
  `.execute(db);
  const head = result.rows[0]?.head ?? null;
  const sending = new Set(result.rows[0]?.sending ?? []);
  return deliveries.map((delivery) => ({
    ...delivery,
    queue:
      delivery.status !== "pending"
        ? NOT_PENDING
        : {
            sending: sending.has(delivery.id),
            waits_for: head !== null && delivery.sequence > head.sequence ? head : null,
          },
  }));
}
