// The claim: lease what is due, fairly between hooks, under each hook's in-flight limit.
import { sql } from "kysely";
import type { Executor } from "@/db";
import { PREPARED } from "@/db/prepared-statements";
import {
  type ClaimedDelivery,
  claimedDelivery,
  type EventColumns,
  eventFromColumns,
  type HookColumns,
  hookFromColumns,
} from "./claimed-delivery";
import { RELAXED_COMMIT } from "./relaxed-commit";

export interface ClaimOptions {
  limit: number;
  leaseId: string;
  leaseMs: number;
  /** In-flight deliveries one unordered hook may have across all workers. */
  perHook: number;
  /** Per hook, the caller's leased deliveries that have their answer but no written result yet. */
  answered?: Record<string, number>;
  /** Only these hooks' deliveries (hooks known to have due work), instead of every active hook's. */
  hookIds?: string[];
}

/**
 * How many of a hook's deliveries are on the wire (an expression over `hookId`, a trusted column
 * name): its live leases, less those whose answer the caller already holds but has not written
 * yet — they keep a lease in the table until the next result flush, not a connection. Counted,
 * they hold a busy hook below its limit, and its deliveries then go through an extra claim UPDATE.
 */
export function onTheWire(hookId: string, answered: Record<string, number> | undefined) {
  const column = sql.raw(hookId);
  const leased = sql`(
    select count(*) from deliveries f
    where f.hook_id = ${column} and f.status = 'pending'
      and f.next_attempt_at > now() and f.lease_expires_at > now())`;
  if (!answered || Object.keys(answered).length === 0) return leased;
  return sql`greatest(0, ${leased} - coalesce((${JSON.stringify(answered)}::jsonb ->> ${column})::int, 0))`;
}

interface ClaimRow extends HookColumns, EventColumns {
  id: string;
  sequence: number;
  retry_step: number;
  ordered: boolean;
  test: boolean;
}

/**
 * Leases up to `limit` due deliveries and returns them with what sending needs. Fair by
 * construction: each active hook offers at most its free slots (unordered) or its lowest pending
 * sequence (ordered), and the batch takes every hook's first candidate before anyone's second,
 * so a 100,000-row backlog or a slow receiver can't crowd out other hooks. The lease moves
 * next_attempt_at to its expiry: an in-flight delivery is simply not due, and comes due again
 * by itself if its worker dies. With `hookIds`, only those hooks are read: the engine knows, most
 * of the time, which hooks have due work, and every active hook read costs two index probes.
 */
export async function claimDeliveries(db: Executor, options: ClaimOptions): Promise<ClaimedDelivery[]> {
  const leaseInterval = `${Math.max(1, Math.round(options.leaseMs))} milliseconds`;
  const result = await sql<ClaimRow>`${PREPARED}
    with slots as (
      select h.id, h.ordered, ${options.perHook} - ${onTheWire("h.id", options.answered)} as free
      from hooks h
      where h.status = 'active' ${
        options.hookIds
          ? sql`and h.id in (select jsonb_array_elements_text(${JSON.stringify(options.hookIds)}::jsonb))`
          : sql``
      }
    ),
    candidates as (
      select c.id, c.rank
      from slots s
      cross join lateral (
        -- Exactly the index's order, so a 100,000-row backlog is read only as far as the limit.
        select d.id, row_number() over (order by d.next_attempt_at) as rank
        from deliveries d
        where d.hook_id = s.id and d.status = 'pending' and d.next_attempt_at <= now()
        order by d.next_attempt_at
        limit greatest(s.free, 0)
      ) c
      where not s.ordered and s.free > 0
      union all
      select c.id, 1 as rank
      from slots s
      cross join lateral (
        select d.id, d.next_attempt_at
        from deliveries d
        where d.hook_id = s.id and d.status = 'pending'
        order by d.sequence
        limit 1
      ) c
      where s.ordered and c.next_attempt_at <= now()
    ),
    locked as (
      -- The chosen ids as an array, so the lock is a primary-key probe per row: a join here lets
      -- the planner hash the whole deliveries table instead.
      select d.id
      from deliveries d
      where d.id = any(array(select c.id from candidates c order by c.rank, random() limit ${options.limit}))
        -- "is true" keeps these checks out of index conditions: given them, a planner working from
        -- stale statistics (a table that just grew) scans a whole pending index instead.
        and (d.status = 'pending' and d.next_attempt_at <= now()) is true
      for update skip locked
    ),
    claimed as (
      update deliveries d
      set lease_id = ${options.leaseId},
          lease_expires_at = now() + ${leaseInterval}::interval,
          next_attempt_at = now() + ${leaseInterval}::interval
      from locked
      where d.id = locked.id
      returning d.id, d.hook_id, d.event_id, d.sequence, d.retry_step
    )
    select ${RELAXED_COMMIT} as relaxed, c.id, c.hook_id, c.event_id, c.sequence, c.retry_step,
           h.target_url, h.events as hook_events, h.payload as payload_mode, h.format, h.secret,
           h.previous_secret, h.previous_secret_expires_at, h.ordered,
           e.type, e.source, e.actor, e.contact_id, e.payload, e.detail, e.created_at as event_created_at, e.test
    from claimed c
    join hooks h on h.id = c.hook_id
    join events e on e.id = c.event_id
    order by c.hook_id, c.sequence
  `.execute(db);
  return result.rows.map((row) =>
    claimedDelivery(row, options.leaseId, hookFromColumns(row), eventFromColumns(row)),
  );
}
