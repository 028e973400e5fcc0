// Leases a worker holds: renewed by its heartbeat, handed back when their deliveries went unsent.
import { sql } from "kysely";
import type { Executor } from "@/db";
import { DELIVERIES_DUE, EVENTS_CHANNEL } from "@/server/events/event.outbox";
import { RELAXED_COMMIT } from "./relaxed-commit";

/** A lease this worker holds on one delivery. */
export interface HeldLease {
  id: string;
  leaseId: string;
}

/** The leases as rows (a CTE body). */
function heldRows(leases: HeldLease[]) {
  return sql`select * from jsonb_to_recordset(${JSON.stringify(leases.map((l) => ({ id: l.id, lease_id: l.leaseId })))}::jsonb)
    as r(id text, lease_id text)`;
}

/**
 * Extends leases this worker still holds (the heartbeat of sends in flight, waiting for a
 * connection, or answered but not yet written) to `leaseMs` from now, and answers which. One it
 * no longer holds — its result written, its hook gone, or taken over by another worker after it
 * ran out — is left alone: renewing checks the lease id as a result write does, so two workers can
 * never both hold a live lease on one delivery.
 */
export async function renewLeases(db: Executor, leases: HeldLease[], leaseMs: number): Promise<string[]> {
  if (leases.length === 0) return [];
  const leaseInterval = `${Math.max(1, Math.round(leaseMs))} milliseconds`;
  const result = await sql<{ id: string }>`
    with held as (${heldRows(leases)}),
    renewed as (
      update deliveries d
      set lease_expires_at = now() + ${leaseInterval}::interval,
          next_attempt_at = now() + ${leaseInterval}::interval
      from held r
      -- As in the result writes: a primary-key probe per lease, whatever the statistics say.
      where d.id = any(array(select id from held)) and d.id = r.id
        and (d.lease_id = r.lease_id and d.status = 'pending') is true
      returning d.id
    )
    select ${RELAXED_COMMIT} as relaxed, id from renewed
  `.execute(db);
  return result.rows.map((row) => row.id);
}

/**
 * Gives back leases on deliveries that were never sent — the engine stopped, or they waited too
 * long for a connection — so they are due at once for any worker: no attempt is recorded and
 * nothing counts against the receiver. A NOTIFY wakes the other workers to claim them.
 */
export async function releaseLeases(db: Executor, leases: HeldLease[]): Promise<number> {
  if (leases.length === 0) return 0;
  const result = await sql<{ released: number }>`
    with held as (${heldRows(leases)}),
    released as (
      update deliveries d
      set lease_id = null, lease_expires_at = null, next_attempt_at = now()
      from held r
      where d.id = any(array(select id from held)) and d.id = r.id
        and (d.lease_id = r.lease_id and d.status = 'pending') is true
      returning 1
    ),
    notified as (
      select pg_notify(${EVENTS_CHANNEL}, ${DELIVERIES_DUE}) from released limit 1
    )
    select ${RELAXED_COMMIT} as relaxed, (select count(*) from released)::int as released,
           (select count(*) from notified) as notified
  `.execute(db);
  return result.rows[0]?.released ?? 0;
}
