// The fan-out: events awaiting it become one delivery per matching hook, leased at once where the
// claim's rules leave room, so a new event's first attempt costs no claim.
import { type Kysely, sql } from "kysely";
import type { DB, Executor } from "@/db";
import { PREPARED } from "@/db/prepared-statements";
import { deliveryIdSql } from "../delivery-id";
import { type ClaimOptions, claimDeliveries, onTheWire } from "./claim.queries";
import {
  type ClaimedDelivery,
  claimedDelivery,
  type EventColumns,
  eventFromColumns,
  type HookColumns,
  hookFromColumns,
} from "./claimed-delivery";
import { RELAXED_COMMIT } from "./relaxed-commit";

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

/** The fan-out's leased deliveries, sharing one hook and one event object each. */
function assembleLeased(
  row: {
    leased: LeasedRow[] | null;
    leased_hooks: HookColumns[] | null;
    leased_events: EventColumns[] | null;
  },
  leaseId: string,
): ClaimedDelivery[] {
  const hooks = new Map<string, ClaimedDelivery["hook"]>();
  for (const h of row.leased_hooks ?? []) hooks.set(h.hook_id, hookFromColumns(h));
  const events = new Map<string, ClaimedDelivery["event"]>();
  for (const e of row.leased_events ?? []) events.set(e.event_id, eventFromColumns(e));
  return (row.leased ?? []).map((d) => {
    const hook = hooks.get(d.hook_id);
    const event = events.get(d.event_id);
    if (!hook || !event) throw new Error(`fan-out returned delivery ${d.id} without its hook or event`);
    return claimedDelivery(d, leaseId, hook, event);
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
    leased_hooks: HookColumns[] | null;
    leased_events: EventColumns[] | null;
    unleased_hooks: string[] | null;
  }>`${PREPARED}
      with gate as materialized (
        -- Taken before any row is read (an init plan), held to the end of this statement.
        select pg_try_advisory_xact_lock(${FANOUT_LOCK}) as acquired, ${RELAXED_COMMIT} as relaxed
      ),
      batch as (
        select id, type, source, actor, contact_id, payload, detail, created_at, subject_api_key_id,
               -- A contact event is heard by hooks on "*" too, and filtered by their sources; an
               -- operational one only by name, and only by its hook's key's hooks (and admins').
               type like 'contact.%' as about_contact,
               case when type like 'contact.%' then array[type, '*'] else array[type] end as heard_as
        from events
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
         and h.events && b.heard_as
         and case when b.about_contact then b.source = any(h.sources)
                  else h.api_key_id is null or h.api_key_id = b.subject_api_key_id end
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
                'hook_id', h.id, 'target_url', h.target_url, 'hook_events', h.events, 'payload_mode', h.payload, 'format', h.format,
                'secret', h.secret, 'previous_secret', h.previous_secret,
                'previous_secret_expires_at', h.previous_secret_expires_at))
              from hooks h where h.id in (select hook_id from inserted where leased)) as leased_hooks,
             (select json_agg(json_build_object(
                'event_id', e.id, 'type', e.type, 'source', e.source, 'actor', e.actor, 'contact_id', e.contact_id,
                'payload', e.payload, 'detail', e.detail, 'event_created_at', e.created_at))
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
