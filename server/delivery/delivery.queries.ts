// The engine's SQL: fan-out, claim with leases, and batched result writes. Each is set-based, so
// the cost per call barely grows with the number of rows it moves.
import { type Kysely, sql } from "kysely";
import type { DB, Executor } from "@/db";
import type { EventSource } from "@/db/schema";
import type { DeliveryMessage } from "./delivery.payload";
import { recordAttemptRollups, recordEventRollups } from "./delivery.rollup";

// Serialises fan-out between workers: it keeps each hook's sequence in event order and rules out
// two fan-outs bumping the same hooks in opposite orders (a deadlock).
const FANOUT_LOCK = 0x486f6f6b; // "Hook"

export interface FanOutResult {
  /** Events turned into deliveries by this call (0 when another worker holds the fan-out). */
  events: number;
  deliveries: number;
  /** False when another worker is fanning out right now. */
  acquired: boolean;
}

/**
 * Turns up to `limit` events awaiting fan-out into deliveries, one per matching active hook, each
 * with that hook's next sequence, and clears their flag: one transaction, one statement for the
 * work itself, however many hooks match.
 */
export async function fanOutEvents(db: Kysely<DB>, limit: number): Promise<FanOutResult> {
  return db.transaction().execute((trx) => fanOutInTransaction(trx, limit));
}

/**
 * One pass of the loop in one transaction (one commit, one fsync): fan out what is waiting, then
 * claim what is due — including the deliveries just made, so a new event is on the wire after a
 * single round of commits.
 */
export async function fanOutAndClaim(
  db: Kysely<DB>,
  fanOutLimit: number,
  claim: ClaimOptions,
): Promise<{ fanOut: FanOutResult; claimed: ClaimedDelivery[] }> {
  return db.transaction().execute(async (trx) => {
    const fanOut = await fanOutInTransaction(trx, fanOutLimit);
    const claimed = await claimDeliveries(trx, claim);
    return { fanOut, claimed };
  });
}

async function fanOutInTransaction(trx: Executor, limit: number): Promise<FanOutResult> {
  const lock = await sql<{ ok: boolean }>`select pg_try_advisory_xact_lock(${FANOUT_LOCK}) as ok`.execute(
    trx,
  );
  if (!lock.rows[0]?.ok) return { events: 0, deliveries: 0, acquired: false };
  const result = await sql<{
    events: number;
    deliveries: number;
    fanned: Array<{ source: EventSource; at: string }>;
  }>`
      with batch as (
        select id, type, source, created_at from events
        where fanout_pending
        order by id
        limit ${limit}
        for update skip locked
      ),
      matches as (
        select b.id as event_id, h.id as hook_id,
               row_number() over (partition by h.id order by b.id) as rn
        from batch b
        join hooks h
          on h.status = 'active'
         and h.events && array[b.type, '*']::text[]
         and b.source = any(h.sources)
         and h.created_at <= b.created_at
        where b.type <> 'hook.ping'
      ),
      counts as (
        select hook_id, count(*) as n from matches group by hook_id
      ),
      bumped as (
        update hooks h set next_sequence = h.next_sequence + c.n
        from counts c
        where h.id = c.hook_id
        returning h.id, h.next_sequence - c.n as first_sequence
      ),
      inserted as (
        insert into deliveries (id, hook_id, event_id, sequence, status, next_attempt_at, created_at)
        select hookline_delivery_id(statement_timestamp(), row_number() over (order by m.event_id, m.hook_id)),
               -- Due at the transaction's now(): the claim in this same transaction sees it due.
               m.hook_id, m.event_id, b.first_sequence + m.rn - 1, 'pending',
               now(), statement_timestamp()
        from matches m
        join bumped b on b.id = m.hook_id
        returning 1
      ),
      cleared as (
        update events e set fanout_pending = false
        where e.id = any(array(select id from batch))
        returning 1
      )
      select (select count(*) from cleared)::int as events, (select count(*) from inserted)::int as deliveries,
             (select coalesce(json_agg(json_build_object('source', source, 'at', created_at)), '[]'::json)
              from batch) as fanned
    `.execute(trx);
  const row = result.rows[0];
  const fanned = row?.fanned ?? [];
  await recordEventRollups(
    trx,
    fanned.map((event) => ({ source: event.source, at: new Date(event.at) })),
  );
  return { events: row?.events ?? 0, deliveries: row?.deliveries ?? 0, acquired: true };
}

export interface ClaimOptions {
  limit: number;
  leaseId: string;
  leaseMs: number;
  /** In-flight deliveries one unordered hook may have across all workers. */
  perHook: number;
}

export interface ClaimedDelivery extends DeliveryMessage {
  leaseId: string;
  hookId: string;
  ordered: boolean;
  retryStep: number;
}

interface ClaimRow {
  id: string;
  hook_id: string;
  event_id: string;
  sequence: number;
  retry_step: number;
  target_url: string;
  hook_events: string[];
  payload_mode: "fat" | "skinny";
  secret: string;
  previous_secret: string | null;
  previous_secret_expires_at: Date | null;
  ordered: boolean;
  type: string;
  source: string;
  actor: string;
  contact_id: string | null;
  payload: Record<string, unknown>;
  detail: Record<string, unknown> | null;
  event_created_at: Date;
}

/**
 * Leases up to `limit` due deliveries and returns them with what sending needs. Fair by
 * construction: each active hook offers at most its free slots (unordered) or its lowest pending
 * sequence (ordered), and the batch takes every hook's first candidate before anyone's second,
 * so a 100,000-row backlog or a slow receiver can't crowd out other hooks. The lease moves
 * next_attempt_at to its expiry: an in-flight delivery is simply not due, and comes due again
 * by itself if its worker dies.
 */
export async function claimDeliveries(db: Executor, options: ClaimOptions): Promise<ClaimedDelivery[]> {
  const leaseInterval = `${Math.max(1, Math.round(options.leaseMs))} milliseconds`;
  const result = await sql<ClaimRow>`
    with slots as (
      select h.id, h.ordered,
             ${options.perHook} - (
               select count(*) from deliveries f
               where f.hook_id = h.id and f.status = 'pending'
                 and f.next_attempt_at > now() and f.lease_expires_at > now()
             ) as free
      from hooks h
      where h.status = 'active'
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
        and d.status = 'pending' and d.next_attempt_at <= now()
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
    select c.id, c.hook_id, c.event_id, c.sequence, c.retry_step,
           h.target_url, h.events as hook_events, h.payload as payload_mode, h.secret,
           h.previous_secret, h.previous_secret_expires_at, h.ordered,
           e.type, e.source, e.actor, e.contact_id, e.payload, e.detail, e.created_at as event_created_at
    from claimed c
    join hooks h on h.id = c.hook_id
    join events e on e.id = c.event_id
    order by c.hook_id, c.sequence
  `.execute(db);
  return result.rows.map((row) => ({
    id: row.id,
    leaseId: options.leaseId,
    hookId: row.hook_id,
    ordered: row.ordered,
    retryStep: row.retry_step,
    sequence: Number(row.sequence),
    hook: {
      id: row.hook_id,
      targetUrl: row.target_url,
      events: row.hook_events,
      payload: row.payload_mode,
      secret: row.secret,
      previousSecret: row.previous_secret,
      previousSecretExpiresAt: row.previous_secret_expires_at,
    },
    event: {
      id: row.event_id,
      type: row.type,
      source: row.source,
      actor: row.actor,
      contactId: row.contact_id,
      payload: row.payload,
      detail: row.detail,
      createdAt: row.event_created_at,
    },
  }));
}

/** One finished attempt, with what the delivery becomes. */
export interface AttemptResult {
  deliveryId: string;
  hookId: string;
  leaseId: string;
  status: "pending" | "delivered" | "failed";
  retryStep: number;
  nextAttemptAt: Date | null;
  gone: boolean;
  startedAt: Date;
  finishedAt: Date;
  durationMs: number;
  statusCode: number | null;
  error: string | null;
  requestHeaders: Record<string, string>;
  requestBody: string;
  responseHeaders: Record<string, string> | null;
  responseBody: string | null;
}

export interface RecordOutcome {
  /** Results written; the others had lost their lease (or their delivery/hook is gone). */
  recorded: number;
  goneHooks: string[];
  disabledHooks: string[];
}

/** Five days of nothing but failures disables a hook. */
export const FAILING_DISABLE_MS = 5 * 24 * 3600 * 1000;

/**
 * Writes a batch of results in one transaction: each delivery's new state and its attempt row —
 * only where the lease is still the writer's —, then the hooks' health counters, then 410s.
 */
export async function recordResults(
  db: Kysely<DB>,
  results: AttemptResult[],
  failingDisableMs = FAILING_DISABLE_MS,
): Promise<RecordOutcome> {
  if (results.length === 0) return { recorded: 0, goneHooks: [], disabledHooks: [] };
  const input = JSON.stringify(
    results.map((r) => ({
      id: r.deliveryId,
      lease_id: r.leaseId,
      status: r.status,
      retry_step: r.retryStep,
      next_attempt_at: r.nextAttemptAt?.toISOString() ?? null,
      started_at: r.startedAt.toISOString(),
      finished_at: r.finishedAt.toISOString(),
      duration_ms: r.durationMs,
      status_code: r.statusCode,
      error: r.error,
      request_headers: r.requestHeaders,
      request_body: r.requestBody,
      response_headers: r.responseHeaders,
      response_body: r.responseBody,
    })),
  );
  return db.transaction().execute(async (trx) => {
    const written = await sql<{ id: string }>`
      with input as (
        select * from jsonb_to_recordset(${input}::jsonb) as r(
          id text, lease_id text, status text, retry_step integer, next_attempt_at timestamptz,
          started_at timestamptz, finished_at timestamptz, duration_ms integer, status_code integer,
          error text, request_headers jsonb, request_body text, response_headers jsonb, response_body text)
      ),
      updated as (
        update deliveries d
        set status = i.status,
            attempt_count = d.attempt_count + 1,
            retry_step = i.retry_step,
            next_attempt_at = i.next_attempt_at,
            lease_id = null,
            lease_expires_at = null,
            last_status_code = i.status_code,
            last_error = i.error,
            delivered_at = case when i.status = 'delivered' then i.finished_at else d.delivered_at end,
            finished_at = case when i.status = 'pending' then null else i.finished_at end
        from input i
        -- The id array makes this a primary-key probe per result, not a hash over all deliveries.
        where d.id = any(array(select id from input)) and d.id = i.id
          and d.lease_id = i.lease_id and d.status = 'pending'
        returning d.id, d.hook_id, d.attempt_count
      )
      insert into delivery_attempts (delivery_id, number, started_at, duration_ms, status_code, error,
                                     request_headers, request_body, response_headers, response_body)
      select u.id, u.attempt_count, i.started_at, i.duration_ms, i.status_code, i.error,
             i.request_headers, i.request_body, i.response_headers, i.response_body
      from updated u
      join input i on i.id = u.id
      returning delivery_id as id
    `.execute(trx);
    const accepted = new Set(written.rows.map((row) => row.id));
    const kept = results.filter((r) => accepted.has(r.deliveryId));
    if (kept.length === 0) return { recorded: 0, goneHooks: [], disabledHooks: [] };

    await recordAttemptRollups(
      trx,
      kept.map((r) => ({
        hookId: r.hookId,
        at: r.finishedAt,
        ok: r.status === "delivered",
        final: r.status !== "pending",
        durationMs: r.durationMs,
      })),
    );

    const stats = hookStats(kept);
    const statsRows = await sql<{ id: string; auto_disabled: boolean }>`
      with s as (
        select * from jsonb_to_recordset(${JSON.stringify(stats)}::jsonb) as s(
          hook_id text, delivered integer, failed integer, last_at timestamptz, last_status_code integer,
          had_success boolean, tail_failures integer, tail_since timestamptz)
      ),
      cur as (
        -- Lock in id order: two workers' batches touching the same hooks then queue, never deadlock.
        select h.id, h.failing_since, h.status from hooks h
        where h.id in (select hook_id from s)
        order by h.id
        for no key update
      ),
      n as (
        select s.*, cur.status as old_status,
               case when s.tail_failures = 0 then null::timestamptz
                    when s.had_success then s.tail_since
                    else coalesce(cur.failing_since, s.tail_since) end as new_failing_since
        from s join cur on cur.id = s.hook_id
      )
      update hooks h
      set delivered_count = h.delivered_count + n.delivered,
          failed_count = h.failed_count + n.failed,
          last_delivery_at = n.last_at,
          last_status_code = n.last_status_code,
          consecutive_failures = case when n.had_success then n.tail_failures
                                      else h.consecutive_failures + n.tail_failures end,
          failing_since = n.new_failing_since,
          status = case when n.old_status = 'active' and n.new_failing_since <= now() - ${`${failingDisableMs} milliseconds`}::interval
                        then 'disabled' else h.status end,
          disabled_reason = case when n.old_status = 'active' and n.new_failing_since <= now() - ${`${failingDisableMs} milliseconds`}::interval
                                 then 'failing' else h.disabled_reason end,
          disabled_at = case when n.old_status = 'active' and n.new_failing_since <= now() - ${`${failingDisableMs} milliseconds`}::interval
                             then now() else h.disabled_at end,
          updated_at = now()
      from n
      where h.id = n.hook_id
      returning h.id, (n.old_status = 'active' and h.status = 'disabled') as auto_disabled
    `.execute(trx);

    const goneHooks = [...new Set(kept.filter((r) => r.gone).map((r) => r.hookId))].sort();
    if (goneHooks.length > 0) await applyGone(trx, goneHooks);
    return {
      recorded: kept.length,
      goneHooks,
      disabledHooks: statsRows.rows.filter((row) => row.auto_disabled).map((row) => row.id),
    };
  });
}

/** 410 Gone: delete the hook (its deliveries go with it) or disable it and cancel what is pending. */
async function applyGone(trx: Executor, hookIds: string[]): Promise<void> {
  await sql`
    with gone as (
      select id, on_gone from hooks where id in (${sql.join(hookIds)}) order by id for update
    ),
    disabled as (
      update hooks h set status = 'disabled', disabled_reason = 'gone', disabled_at = now(), updated_at = now()
      from gone g where h.id = g.id and g.on_gone = 'disable'
      returning h.id
    ),
    cancelled as (
      update deliveries d set status = 'cancelled', next_attempt_at = null, lease_id = null,
                              lease_expires_at = null, finished_at = now()
      where d.hook_id in (select id from disabled) and d.status = 'pending'
      returning 1
    )
    delete from hooks h using gone g where h.id = g.id and g.on_gone = 'delete'
  `.execute(trx);
}

interface HookStat {
  hook_id: string;
  delivered: number;
  failed: number;
  last_at: string;
  last_status_code: number | null;
  had_success: boolean;
  tail_failures: number;
  tail_since: string | null;
}

/** Per hook, in the order the attempts finished: counters and the run of failures at the end. */
function hookStats(results: AttemptResult[]): HookStat[] {
  const byHook = new Map<string, HookStat>();
  const sorted = [...results].sort((a, b) => a.finishedAt.getTime() - b.finishedAt.getTime());
  for (const r of sorted) {
    let stat = byHook.get(r.hookId);
    if (!stat) {
      stat = {
        hook_id: r.hookId,
        delivered: 0,
        failed: 0,
        last_at: r.finishedAt.toISOString(),
        last_status_code: null,
        had_success: false,
        tail_failures: 0,
        tail_since: null,
      };
      byHook.set(r.hookId, stat);
    }
    stat.last_at = r.finishedAt.toISOString();
    stat.last_status_code = r.statusCode;
    if (r.status === "delivered") {
      stat.delivered += 1;
      stat.had_success = true;
      stat.tail_failures = 0;
      stat.tail_since = null;
    } else {
      if (r.status === "failed") stat.failed += 1;
      // A 410 is the receiver's answer, not a failure to reach it; it's handled as gone.
      if (!r.gone) {
        stat.tail_failures += 1;
        stat.tail_since ??= r.startedAt.toISOString();
      }
    }
  }
  return [...byHook.values()];
}
