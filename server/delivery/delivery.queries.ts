// The engine's SQL: fan-out, claim with leases, and batched result writes. Each is set-based, so
// the cost per call barely grows with the number of rows it moves.
import { type Kysely, sql } from "kysely";
import type { DB, Executor } from "@/db";
import { PREPARED } from "@/db/prepared-statements";
import { DELIVERIES_DUE, EVENTS_CHANNEL } from "@/server/events/event.outbox";
import { DELETED_BY_RECEIVER, noteHookDeletion } from "@/server/hooks/hook.deletions";
import { isoString } from "@/server/lib/iso-time";
import type { DeliveryMessage } from "./delivery.payload";
import { attemptRollupsUpsert } from "./delivery.rollup";
import { deliveryIdSql } from "./delivery-id";

// Serialises fan-out between workers: it keeps each hook's sequence in event order and rules out
// two fan-outs bumping the same hooks in opposite orders (a deadlock).
const FANOUT_LOCK = 0x486f6f6b; // "Hook"

/**
 * Every engine transaction commits without waiting for its WAL flush (`synchronous_commit = off`,
 * for that transaction only — the app's own transactions, the outbox events among them, keep full
 * durability on the same pool). This is safe because delivery is at-least-once by contract: a
 * PostgreSQL crash can lose the last few hundred milliseconds of engine commits, which means a
 * lease or a result that never happened — the delivery comes due again and is re-sent with the
 * same webhook-id, which receivers dedupe on. It can never lose an event or a delivery row whose
 * event was durably committed: fan-out is redone from the event's `fanout_pending` flag, and the
 * redo names each delivery as the lost fan-out did (delivery-id.ts), so one that went out before
 * the crash goes out again under the same webhook-id. It takes the fsync (~3 ms here) off every
 * pass and every result write.
 */
const RELAXED_COMMIT = sql`set_config('synchronous_commit', 'off', true)`;

/** Makes the current engine transaction's commit asynchronous (see RELAXED_COMMIT). */
export async function relaxCommit(trx: Executor): Promise<void> {
  await sql`select ${RELAXED_COMMIT}`.execute(trx);
}

export interface FanOutResult {
  /** Events turned into deliveries by this call (0 when another worker holds the fan-out). */
  events: number;
  deliveries: number;
  /** False when another worker is fanning out right now. */
  acquired: boolean;
}

/** What the fan-out may lease to its caller straight away (so a first attempt needs no claim). */
export interface FanOutLease {
  /** Most new deliveries to lease (0: lease none). */
  limit: number;
  leaseId: string;
  leaseMs: number;
  perHook: number;
  answered?: Record<string, number>;
}

/**
 * How many of a hook's deliveries are on the wire (an expression over `hookId`, a trusted column
 * name): its live leases, less those whose answer the caller already holds but has not written
 * yet — they keep a lease in the table until the next result flush, not a connection. Counting
 * them held a busy hook below its limit and pushed a quarter of the bench's deliveries through an
 * extra claim UPDATE.
 */
function onTheWire(hookId: string, answered: Record<string, number> | undefined) {
  const column = sql.raw(hookId);
  const leased = sql`(
    select count(*) from deliveries f
    where f.hook_id = ${column} and f.status = 'pending'
      and f.next_attempt_at > now() and f.lease_expires_at > now())`;
  if (!answered || Object.keys(answered).length === 0) return leased;
  return sql`greatest(0, ${leased} - coalesce((${JSON.stringify(answered)}::jsonb ->> ${column})::int, 0))`;
}

/**
 * Turns up to `limit` events awaiting fan-out into deliveries, one per matching active hook, each
 * with that hook's next sequence, and clears their flag: one statement, however many hooks match.
 */
export async function fanOutEvents(db: Executor, limit: number): Promise<FanOutResult> {
  const { leased: _, unleasedHooks: __, ...fanOut } = await fanOutStatement(db, limit, undefined);
  return fanOut;
}

/**
 * One pass of the loop: claim what is due (older work first) when `claim` asks for it, then fan
 * out what is waiting and lease as many new deliveries as there is room left, so a new event is
 * on the wire after a single statement and its first attempt costs no claim `UPDATE`. Each step
 * is one statement committing on its own: nothing is sent before the lease that covers it is
 * committed, and a crash between the two only leaves work for the next pass.
 */
export async function fanOutAndClaim(
  db: Kysely<DB>,
  fanOutLimit: number,
  claim: ClaimOptions & { skip?: boolean },
): Promise<{
  fanOut: FanOutResult & { unleased: number; unleasedHooks: string[]; limit: number };
  claimed: ClaimedDelivery[];
}> {
  const claimed = claim.limit > 0 && !claim.skip ? await claimDeliveries(db, claim) : [];
  // `fanOutLimit` events fill the whole room; fan out only for the room the claim left. Events
  // fanned out beyond it would become pending rows that each cost a claim UPDATE later, where
  // waiting in the outbox costs nothing and their deliveries are leased by the fan-out that
  // finally makes them.
  const room = claim.limit - claimed.length;
  const limit = room <= 0 ? 0 : Math.max(1, Math.floor((fanOutLimit * room) / Math.max(1, claim.limit)));
  if (limit === 0) {
    return {
      fanOut: { events: 0, deliveries: 0, acquired: false, unleased: 0, unleasedHooks: [], limit },
      claimed,
    };
  }
  const { leased, unleasedHooks, ...result } = await fanOutStatement(db, limit, {
    limit: room,
    leaseId: claim.leaseId,
    leaseMs: claim.leaseMs,
    perHook: claim.perHook,
    answered: claim.answered,
  });
  return {
    fanOut: { ...result, unleased: result.deliveries - leased.length, unleasedHooks, limit },
    claimed: [...claimed, ...leased],
  };
}

interface LeasedRow {
  id: string;
  hook_id: string;
  event_id: string;
  sequence: number;
}

interface LeasedHook {
  id: string;
  target_url: string;
  hook_events: string[];
  payload_mode: "fat" | "skinny";
  format: "json" | "activecampaign";
  secret: string;
  previous_secret: string | null;
  previous_secret_expires_at: string | null;
}

interface LeasedEvent {
  id: string;
  type: string;
  source: string;
  actor: string;
  contact_id: string | null;
  payload: Record<string, unknown>;
  detail: Record<string, unknown> | null;
  created_at: string;
}

/** The fan-out's leased deliveries, sharing one hook and one event object each. */
function assembleLeased(
  row: { leased: LeasedRow[] | null; leased_hooks: LeasedHook[] | null; leased_events: LeasedEvent[] | null },
  leaseId: string,
): ClaimedDelivery[] {
  const hooks = new Map<string, ClaimedDelivery["hook"]>();
  for (const h of row.leased_hooks ?? []) {
    hooks.set(h.id, {
      id: h.id,
      targetUrl: h.target_url,
      events: h.hook_events,
      payload: h.payload_mode,
      format: h.format,
      secret: h.secret,
      previousSecret: h.previous_secret,
      previousSecretExpiresAt: h.previous_secret_expires_at ? new Date(h.previous_secret_expires_at) : null,
    });
  }
  const events = new Map<string, ClaimedDelivery["event"]>();
  for (const e of row.leased_events ?? []) {
    events.set(e.id, {
      id: e.id,
      type: e.type,
      source: e.source,
      actor: e.actor,
      contactId: e.contact_id,
      payload: e.payload,
      detail: e.detail,
      createdAt: new Date(e.created_at),
    });
  }
  return (row.leased ?? []).map((d) => {
    const hook = hooks.get(d.hook_id);
    const event = events.get(d.event_id);
    if (!hook || !event) throw new Error(`fan-out returned delivery ${d.id} without its hook or event`);
    return {
      id: d.id,
      leaseId,
      hookId: d.hook_id,
      ordered: false,
      retryStep: 0,
      sequence: Number(d.sequence),
      hook,
      event,
    };
  });
}

async function fanOutStatement(
  db: Executor,
  limit: number,
  lease: FanOutLease | undefined,
): Promise<FanOutResult & { leased: ClaimedDelivery[]; unleasedHooks: string[] }> {
  const leaseLimit = Math.max(0, lease?.limit ?? 0);
  const leaseInterval = `${Math.max(1, Math.round(lease?.leaseMs ?? 1))} milliseconds`;
  const result = await sql<{
    acquired: boolean;
    events: number;
    deliveries: number;
    leased: LeasedRow[] | null;
    leased_hooks: LeasedHook[] | null;
    leased_events: LeasedEvent[] | null;
    unleased_hooks: string[] | null;
  }>`${PREPARED}
      with gate as materialized (
        -- Taken before any row is read (an init plan), held to the end of this statement.
        select pg_try_advisory_xact_lock(${FANOUT_LOCK}) as acquired, ${RELAXED_COMMIT} as relaxed
      ),
      batch as (
        select id, type, source, actor, contact_id, payload, detail, created_at from events
        where fanout_pending and (select acquired from gate)
        order by id
        limit ${limit}
        for update skip locked
      ),
      matches as (
        select b.id as event_id, h.id as hook_id, h.ordered,
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
        select hook_id, bool_or(ordered) as ordered, count(*) as n from matches group by hook_id
      ),
      room as materialized (
        -- Once per hook: how many of its new deliveries may go out now, by the claim's rules. None
        -- while older work of the hook is due (the claim serves that first), an unordered hook's
        -- up to its free in-flight slots. An ordered hook's never: whether an earlier one is still
        -- pending may have changed since this statement's snapshot (a fan-out committing while we
        -- waited for the lock), so its order is left to the claim, whose row locks see the truth.
        -- (An unordered hook may in that same race briefly get a few more than perHook.)
        select c.hook_id,
               case
                 when ${leaseLimit}::int = 0 or c.ordered then 0
                 when exists (select 1 from deliveries d
                              where d.hook_id = c.hook_id and d.status = 'pending' and d.next_attempt_at <= now())
                   then 0
                 else ${lease?.perHook ?? 0}::int - ${onTheWire("c.hook_id", lease?.answered)}
               end as free
        from counts c
      ),
      leasing as materialized (
        -- Every hook's first new delivery before anyone's second, as in the claim. Materialized:
        -- inlined into the insert's join, the planner re-sorted every match once per hook (1,000
        -- hooks: 1,000 sorts).
        select m.event_id, m.hook_id, m.rn,
               m.rn <= r.free
                 and row_number() over (partition by m.rn <= r.free order by m.rn, random()) <= ${leaseLimit}::int
                 as leased
        from matches m
        join room r on r.hook_id = m.hook_id
      ),
      locked_hooks as (
        -- Hooks in id order, as the result writer locks them: the two queue, never deadlock.
        select h.id from hooks h
        where h.id in (select hook_id from counts)
        order by h.id
        for no key update
      ),
      bumped as (
        update hooks h set next_sequence = h.next_sequence + c.n
        from counts c
        where h.id = c.hook_id and h.id in (select id from locked_hooks)
        returning h.id, h.next_sequence - c.n as first_sequence
      ),
      inserted as (
        insert into deliveries (id, hook_id, event_id, sequence, status, next_attempt_at, lease_id,
                                lease_expires_at, created_at)
        -- Derived from (event, hook): should a crash undo this commit after the deliveries went
        -- out, the fan-out made again names them the same (delivery-id.ts).
        select ${deliveryIdSql("l.event_id", "l.hook_id")},
               l.hook_id, l.event_id, b.first_sequence + l.rn - 1, 'pending',
               -- A leased delivery is not due until its lease runs out, exactly as after a claim;
               -- the others are due at once for whichever worker claims next.
               case when l.leased then now() + ${leaseInterval}::interval else now() end,
               case when l.leased then ${lease?.leaseId ?? null}::text end,
               case when l.leased then now() + ${leaseInterval}::interval end,
               statement_timestamp()
        from leasing l
        join bumped b on b.id = l.hook_id
        returning id, hook_id, event_id, sequence, lease_id is not null as leased
      ),
      cleared as (
        update events e set fanout_pending = false
        where e.id = any(array(select id from batch))
        returning 1
      ),
      rolled_up as (
        -- Events per minute and source, for the dashboard (the minute of the event's created_at).
        insert into event_rollups as r (minute, source, count)
        select to_timestamp(floor(extract(epoch from created_at) / 60) * 60), source, count(*)
        from batch
        group by 1, 2
        order by 1, 2
        on conflict (minute, source) do update set count = r.count + excluded.count
      )
      select (select acquired from gate) as acquired,
             (select count(*) from cleared)::int as events,
             (select count(*) from inserted)::int as deliveries,
             -- Each hook and event once, however many of the leased deliveries share it.
             (select json_agg(json_build_object(
                'id', i.id, 'hook_id', i.hook_id, 'event_id', i.event_id, 'sequence', i.sequence)
                order by i.hook_id, i.sequence)
              from inserted i where i.leased) as leased,
             (select json_agg(json_build_object(
                'id', h.id, 'target_url', h.target_url, 'hook_events', h.events, 'payload_mode', h.payload, 'format', h.format,
                'secret', h.secret, 'previous_secret', h.previous_secret,
                'previous_secret_expires_at', h.previous_secret_expires_at))
              from hooks h where h.id in (select hook_id from inserted where leased)) as leased_hooks,
             (select json_agg(json_build_object(
                'id', e.id, 'type', e.type, 'source', e.source, 'actor', e.actor, 'contact_id', e.contact_id,
                'payload', e.payload, 'detail', e.detail, 'created_at', e.created_at))
              from batch e where e.id in (select event_id from inserted where leased)) as leased_events,
             -- The hooks with new deliveries due now, for the claim to take.
             array(select distinct hook_id from inserted where not leased) as unleased_hooks
    `.execute(db);
  const row = result.rows[0];
  const leased = row?.leased ? assembleLeased(row, lease?.leaseId ?? "") : [];
  return {
    events: row?.events ?? 0,
    deliveries: row?.deliveries ?? 0,
    acquired: row?.acquired ?? false,
    leased,
    unleasedHooks: row?.unleased_hooks ?? [],
  };
}

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
  format: "json" | "activecampaign";
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
  return result.rows.map((row) => toClaimed(row, options.leaseId));
}

function toClaimed(row: ClaimRow, leaseId: string): ClaimedDelivery {
  return {
    id: row.id,
    leaseId,
    hookId: row.hook_id,
    ordered: row.ordered,
    retryStep: row.retry_step,
    sequence: Number(row.sequence),
    hook: {
      id: row.hook_id,
      targetUrl: row.target_url,
      events: row.hook_events,
      payload: row.payload_mode,
      format: row.format,
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
      test: row.test,
    },
  };
}

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
  /** As the log keeps it (see loggedBody). */
  requestBody: string;
  requestDataFromEvent: boolean;
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
 * Writes a batch of results: each delivery's new state and its attempt row — only where the lease
 * is still the writer's —, the minute rollups, the hooks' health counters, then 410s. The common
 * batch (no 410, every lease still held) is one statement, so one round trip and one commit; any
 * other goes through a transaction that counts only what it actually wrote.
 */
export async function recordResults(
  db: Kysely<DB>,
  results: AttemptResult[],
  failingDisableMs = FAILING_DISABLE_MS,
): Promise<RecordOutcome> {
  if (results.length === 0) return { recorded: 0, goneHooks: [], disabledHooks: [] };
  const input = resultsInput(results);
  if (!results.some((r) => r.gone)) {
    try {
      return await recordResultsAtOnce(db, input, results, failingDisableMs);
    } catch (error) {
      // A lease was lost (another worker took the delivery over): nothing of the batch was written.
      if ((error as { code?: unknown }).code !== "HL409") throw error;
    }
  }
  return recordResultsCarefully(db, input, results, failingDisableMs);
}

function resultsInput(results: AttemptResult[]): string {
  return JSON.stringify(
    results.map((r) => ({
      id: r.deliveryId,
      lease_id: r.leaseId,
      status: r.status,
      retry_step: r.retryStep,
      next_attempt_at: r.nextAttemptAt ? isoString(r.nextAttemptAt.getTime()) : null,
      started_at: isoString(r.startedAt.getTime()),
      finished_at: isoString(r.finishedAt.getTime()),
      duration_ms: r.durationMs,
      status_code: r.statusCode,
      error: r.error,
      request_headers: r.requestHeaders,
      request_body: r.requestBody,
      request_data_from_event: r.requestDataFromEvent,
      response_headers: r.responseHeaders,
      response_body: r.responseBody,
    })),
  );
}

/**
 * The parsed batch, as rows (a CTE body). `jsonb`, though it is read once: `json_to_recordset`
 * measured slower here (21.6 vs 9–17 µs per 1.5 KB result), re-parsing each jsonb field.
 */
function inputRows(input: string) {
  return sql`
    select * from jsonb_to_recordset(${input}::jsonb) as r(
      id text, lease_id text, status text, retry_step integer, next_attempt_at timestamptz,
      started_at timestamptz, finished_at timestamptz, duration_ms integer, status_code integer,
      error text, request_headers jsonb, request_body text, request_data_from_event boolean,
      response_headers jsonb, response_body text)
  `;
}

/**
 * Each result's delivery, only where the lease is still the writer's (a CTE body). A batch may
 * hold two results for one delivery — one whose lease was lost, say to a crash that undid the
 * claim, and one from the lease that took it over — so what follows matches results by delivery
 * *and* lease: the lost one neither writes nor counts.
 */
const updateDeliveries = sql`
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
  -- The id array makes this a primary-key probe per result, not a hash over all deliveries; "is
  -- true" keeps the other checks out of index conditions, where a planner working from stale
  -- statistics (a table that just grew) would scan a whole pending index instead.
  where d.id = any(array(select id from input)) and d.id = i.id
    and (d.lease_id = i.lease_id and d.status = 'pending') is true
  returning d.id, d.hook_id, d.attempt_count, i.lease_id
`;

const insertAttempts = sql`
  insert into delivery_attempts (delivery_id, number, started_at, duration_ms, status_code, error,
                                 request_headers, request_body, request_data_from_event,
                                 response_headers, response_body)
  select u.id, u.attempt_count, i.started_at, i.duration_ms, i.status_code, i.error,
         i.request_headers, i.request_body, i.request_data_from_event, i.response_headers, i.response_body
  from updated u
  join input i on i.id = u.id and i.lease_id = u.lease_id
`;

function rollupInputs(results: AttemptResult[]) {
  return results.map((r) => ({
    hookId: r.hookId,
    at: r.finishedAt,
    ok: r.status === "delivered",
    final: r.status !== "pending",
    durationMs: r.durationMs,
  }));
}

/**
 * The hooks' health counters from per-hook stats (CTE bodies `cur`, `n` and the update, which
 * returns id and auto_disabled); `s` must hold the stats.
 */
function updateHookHealth(failingDisableMs: number) {
  const window = `${failingDisableMs} milliseconds`;
  return sql`
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
    ),
    health as (
      update hooks h
      set delivered_count = h.delivered_count + n.delivered,
          failed_count = h.failed_count + n.failed,
          last_delivery_at = n.last_at,
          last_status_code = n.last_status_code,
          consecutive_failures = case when n.had_success then n.tail_failures
                                      else h.consecutive_failures + n.tail_failures end,
          failing_since = n.new_failing_since,
          status = case when n.old_status = 'active' and n.new_failing_since <= now() - ${window}::interval
                        then 'disabled' else h.status end,
          disabled_reason = case when n.old_status = 'active' and n.new_failing_since <= now() - ${window}::interval
                                 then 'failing' else h.disabled_reason end,
          disabled_at = case when n.old_status = 'active' and n.new_failing_since <= now() - ${window}::interval
                             then now() else h.disabled_at end,
          updated_at = now()
      from n
      where h.id = n.hook_id
      returning h.id, (n.old_status = 'active' and h.status = 'disabled') as auto_disabled
    ),
    -- The audit row of each hook this batch turned off: one per hook change, none per delivery.
    auto_disabled_audit as (
      insert into audit_log (actor_type, actor_label, kind, object_type, object_id, changes)
      select 'system', ${sql.lit(AUDIT_ENGINE)}, 'hook.disabled', 'hook', id,
             '{"status": {"before": "active", "after": "disabled"},
               "disabled_reason": {"before": null, "after": "failing"}}'::jsonb
      from health where auto_disabled
      returning 1
    )
  `;
}

/** Who the audit log names for what the engine decides on its own. */
const AUDIT_ENGINE = "delivery engine";

function statsRows(stats: HookStat[]) {
  return sql`
    select * from jsonb_to_recordset(${JSON.stringify(stats)}::jsonb) as s(
      hook_id text, delivered integer, failed integer, last_at timestamptz, last_status_code integer,
      had_success boolean, tail_failures integer, tail_since timestamptz)
  `;
}

/**
 * The whole batch in one statement, counters computed in advance for every result; should any
 * lease turn out lost, hookline_assert raises HL409 and the statement writes nothing at all.
 */
async function recordResultsAtOnce(
  db: Kysely<DB>,
  input: string,
  results: AttemptResult[],
  failingDisableMs: number,
): Promise<RecordOutcome> {
  const outcome = await sql<{ disabled: string[] }>`${PREPARED}
    with input as (${inputRows(input)}),
    updated as (${updateDeliveries}),
    attempts as (${insertAttempts} returning 1),
    rolled_up as (${attemptRollupsUpsert(rollupInputs(results))} returning 1),
    s as (${statsRows(hookStats(results))}),
    ${updateHookHealth(failingDisableMs)}
    select hookline_assert((select count(*) from updated) = ${results.length}, 'a lease was lost') as ok,
           ${RELAXED_COMMIT} as relaxed,
           array(select id from health where auto_disabled order by id) as disabled
  `.execute(db);
  return { recorded: results.length, goneHooks: [], disabledHooks: outcome.rows[0]?.disabled ?? [] };
}

/** In one transaction: write what still holds its lease, then count exactly that, then 410s. */
async function recordResultsCarefully(
  db: Kysely<DB>,
  input: string,
  results: AttemptResult[],
  failingDisableMs: number,
): Promise<RecordOutcome> {
  return db.transaction().execute(async (trx) => {
    await relaxCommit(trx);
    const written = await sql<{ id: string; lease_id: string }>`
      with input as (${inputRows(input)}),
      updated as (${updateDeliveries}),
      attempts as (${insertAttempts} returning 1)
      select id, lease_id from updated
    `.execute(trx);
    const accepted = new Set(written.rows.map((row) => `${row.id} ${row.lease_id}`));
    const kept = results.filter((r) => accepted.has(`${r.deliveryId} ${r.leaseId}`));
    if (kept.length === 0) return { recorded: 0, goneHooks: [], disabledHooks: [] };

    // The minute rollups and the hooks' health counters of the written results: one statement.
    const health = await sql<{ id: string; auto_disabled: boolean }>`
      with rolled_up as (${attemptRollupsUpsert(rollupInputs(kept))} returning 1),
      s as (${statsRows(hookStats(kept))}),
      ${updateHookHealth(failingDisableMs)}
      select id, auto_disabled from health
    `.execute(trx);

    const goneHooks = [...new Set(kept.filter((r) => r.gone).map((r) => r.hookId))].sort();
    if (goneHooks.length > 0) await applyGone(trx, goneHooks);
    return {
      recorded: kept.length,
      goneHooks,
      disabledHooks: health.rows.filter((row) => row.auto_disabled).map((row) => row.id),
    };
  });
}

/** 410 Gone: delete the hook (its deliveries go with it) or disable it and cancel what is pending. */
async function applyGone(trx: Executor, hookIds: string[]): Promise<void> {
  await noteHookDeletion(trx, { reason: "gone", by: DELETED_BY_RECEIVER });
  await sql`
    with gone as (
      select id, on_gone, status, disabled_reason from hooks
      where id in (${sql.join(hookIds)}) order by id for update
    ),
    audited as (
      insert into audit_log (actor_type, actor_label, kind, object_type, object_id, changes)
      select 'system', ${sql.lit(DELETED_BY_RECEIVER)},
             case when g.on_gone = 'delete' then 'hook.deleted' else 'hook.disabled' end, 'hook', g.id,
             case when g.on_gone = 'delete'
                  then jsonb_build_object('status', jsonb_build_object('before', g.status, 'after', null))
                  else jsonb_build_object(
                    'status', jsonb_build_object('before', g.status, 'after', 'disabled'),
                    'disabled_reason', jsonb_build_object('before', g.disabled_reason, 'after', 'gone'))
             end
      from gone g
      where g.on_gone = 'delete' or g.status <> 'disabled'
      returning 1
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
        last_at: "",
        last_status_code: null,
        had_success: false,
        tail_failures: 0,
        tail_since: null,
      };
      byHook.set(r.hookId, stat);
    }
    stat.last_at = isoString(r.finishedAt.getTime());
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
        stat.tail_since ??= isoString(r.startedAt.getTime());
      }
    }
  }
  return [...byHook.values()];
}
