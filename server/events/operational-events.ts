// Operational events — a hook disabled, enabled or deleted, a delivery that gave up — written into
// the outbox in the transaction that makes the change, like contact events, so they reach hooks
// through the same fan-out, engine, signatures and history. Their `data` is shaped here only, in
// SQL, because the delivery engine writes two of them inside its own batched statements.
import { type RawBuilder, sql } from "kysely";
import type { Executor } from "@/db";
import type { HookDisabledReason } from "@/db/schema";
import { newId } from "@/server/lib/ids";
import type { OperationalEventType } from "@/shared/event.catalogue";
import { EVENTS_CHANNEL } from "./event.outbox";

export type HookDeletedReason = "deleted" | "gone";

/** Who disabled a hook for failing or exhausted a delivery: the engine, not a person. */
export const ENGINE_ACTOR = "delivery engine";

/**
 * The `hook` object of an operational event's data, from a row (alias `alias`) carrying hooks'
 * columns id, name, target_url, events, status and api_key_id.
 */
export function hookSummarySql(alias: string): RawBuilder<unknown> {
  const h = sql.raw(alias);
  return sql`jsonb_build_object('id', ${h}.id, 'name', ${h}.name, 'target', ${h}.target_url,
    'events', to_jsonb(${h}.events), 'status', ${h}.status, 'api_key_id', ${h}.api_key_id)`;
}

/**
 * Records one event of `type` about each of these hooks, from their rows as they are now (so
 * after a status change, and before a deletion). Source `system`; `by` is the initiated_by.
 */
export async function recordHookEvents(
  trx: Executor,
  options: {
    type: Exclude<OperationalEventType, "delivery.exhausted">;
    hookIds: string[];
    reason?: HookDisabledReason | HookDeletedReason;
    by: string;
  },
): Promise<void> {
  if (options.hookIds.length === 0) return;
  const hookIds = [...options.hookIds].sort();
  const eventIds = hookIds.map(() => newId("evt"));
  await sql`
    with inserted as (${insertHookEvents({
      from: sql`(select t.event_id, h.* from unnest(${hookIds}::text[], ${eventIds}::text[]) as t(hook_id, event_id)
                 join hooks h on h.id = t.hook_id)`,
      type: options.type,
      reason: options.reason,
      by: options.by,
    })})
    select ${notifyIfAny("inserted")} as notified
  `.execute(trx);
}

/**
 * A CTE body inserting one event of `type` per row of `from` (aliased x), which carries hooks'
 * columns (hookSummarySql's) and the new event's id as `event_id`; only rows where `where` holds.
 */
export function insertHookEvents(options: {
  from: RawBuilder<unknown>;
  type: Exclude<OperationalEventType, "delivery.exhausted">;
  reason?: HookDisabledReason | HookDeletedReason | undefined;
  by: string;
  where?: RawBuilder<unknown>;
}): RawBuilder<unknown> {
  const reason = options.reason
    ? sql`jsonb_build_object('reason', ${options.reason}::text)`
    : sql`'{}'::jsonb`;
  return sql`
    insert into events (id, type, source, actor, subject_api_key_id, contact_id, payload)
    select x.event_id, ${options.type}, 'system', ${options.by}, x.api_key_id, null,
           jsonb_build_object('hook', ${hookSummarySql("x")}) || ${reason}
    from ${options.from} x
    where ${options.where ?? sql`true`}
    returning 1
  `;
}

/**
 * A select-list expression that NOTIFYs the delivery loop once if any of these CTEs made a row (0
 * when there are none to look at).
 */
export function notifyIfAny(...ctes: string[]): RawBuilder<unknown> {
  if (ctes.length === 0) return sql`0`;
  const rows = sql.join(
    ctes.map((cte) => sql`select 1 from ${sql.raw(cte)}`),
    sql` union all `,
  );
  return sql`(select count(*) from (select pg_notify(${EVENTS_CHANNEL}, '') from (${rows}) r limit 1) n)`;
}

/**
 * The id a delivery.exhausted event will take should this attempt's result be written — or null
 * when the attempt does not give up, or gives up on a delivery.exhausted event: those end there,
 * so a receiver that fails everything cannot start a chain of events about its own failures.
 */
export function exhaustedEventId(outcome: {
  status: string;
  gone: boolean;
  eventType: string;
}): string | null {
  if (outcome.status !== "failed" || outcome.gone || outcome.eventType === "delivery.exhausted") return null;
  return newId("evt");
}

/**
 * A CTE body inserting the delivery.exhausted events of a result batch: `updated` holds the written
 * deliveries (id, hook_id, event_id, sequence, attempt_count, lease_id, last_status_code,
 * last_error) and `input` the results with their pre-made `exhausted_event_id`. Rows without one
 * (nearly all) cost nothing more than the filter.
 */
export const insertExhaustedEvents = sql`
  insert into events (id, type, source, actor, subject_api_key_id, contact_id, payload)
  select i.exhausted_event_id, 'delivery.exhausted', 'system', ${ENGINE_ACTOR}, h.api_key_id, null,
         jsonb_build_object(
           'delivery', jsonb_build_object('id', u.id, 'event_id', u.event_id, 'event_type', e.type,
                                          'sequence', u.sequence, 'attempt_count', u.attempt_count,
                                          'last_status_code', u.last_status_code, 'last_error', u.last_error),
           'hook', ${hookSummarySql("h")})
  from input i
  join updated u on u.id = i.id and u.lease_id = i.lease_id
  join events e on e.id = u.event_id
  join hooks h on h.id = u.hook_id
  where i.exhausted_event_id is not null
  returning 1
`;
