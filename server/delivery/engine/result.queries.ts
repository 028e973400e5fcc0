// Result writes: each finished attempt's delivery state and attempt row, only under the lease that
// sent it, with the minute rollups and the hooks' health, in as few statements as the batch allows.
import { type Kysely, type RawBuilder, sql } from "kysely";
import type { DB, Executor } from "@/db";
import { PREPARED } from "@/db/prepared-statements";
import { insertExhaustedEvents, notifyIfAny, recordHookEvents } from "@/server/events/operational-events";
import { DELETED_BY_RECEIVER, noteHookDeletion } from "@/server/hooks/hook.deletions";
import { isoString } from "@/server/lib/iso-time";
import { attemptRollupsUpsert } from "../delivery.rollup";
import { hookStats, updateHookHealth } from "./hook-health.queries";
import { RELAXED_COMMIT, relaxCommit } from "./relaxed-commit";

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
  /** Set when this attempt gives up for good: the id of its delivery.exhausted event. */
  exhaustedEventId: string | null;
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
      exhausted_event_id: r.exhaustedEventId,
    })),
  );
}

/**
 * The parsed batch, as rows (a CTE body). `jsonb`, though it is read once: `json_to_recordset`
 * is slower here, re-parsing each jsonb field.
 */
function inputRows(input: string) {
  return sql`
    select * from jsonb_to_recordset(${input}::jsonb) as r(
      id text, lease_id text, status text, retry_step integer, next_attempt_at timestamptz,
      started_at timestamptz, finished_at timestamptz, duration_ms integer, status_code integer,
      error text, request_headers jsonb, request_body text, request_data_from_event boolean,
      response_headers jsonb, response_body text, exhausted_event_id text)
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
  returning d.id, d.hook_id, d.event_id, d.sequence, d.attempt_count, d.last_status_code, d.last_error, i.lease_id
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
 * The whole batch in one statement, counters computed in advance for every result; should any
 * lease turn out lost, hookline_assert raises HL409 and the statement writes nothing at all.
 */
async function recordResultsAtOnce(
  db: Kysely<DB>,
  input: string,
  results: AttemptResult[],
  failingDisableMs: number,
): Promise<RecordOutcome> {
  const exhausted = exhaustedEvents(results);
  const health = updateHookHealth(hookStats(results), failingDisableMs);
  const outcome = await sql<{ disabled: string[] }>`${PREPARED}
    with input as (${inputRows(input)}),
    updated as (${updateDeliveries}),
    attempts as (${insertAttempts} returning 1),
    ${exhausted.ctes}
    rolled_up as (${attemptRollupsUpsert(rollupInputs(results))} returning 1),
    ${health.ctes}
    select hookline_assert((select count(*) from updated) = ${results.length}, 'a lease was lost') as ok,
           ${RELAXED_COMMIT} as relaxed, ${notifyIfAny(...exhausted.eventCtes, ...health.eventCtes)} as notified,
           array(select id from health where auto_disabled order by id) as disabled
  `.execute(db);
  return { recorded: results.length, goneHooks: [], disabledHooks: outcome.rows[0]?.disabled ?? [] };
}

/**
 * The CTE inserting the batch's delivery.exhausted events, followed by a comma — or nothing when
 * no result gives up (nearly every batch), sparing the statement an insert set up for no rows.
 */
function exhaustedEvents(results: AttemptResult[]): { ctes: RawBuilder<unknown>; eventCtes: string[] } {
  if (!results.some((r) => r.exhaustedEventId !== null)) return { ctes: sql``, eventCtes: [] };
  return { ctes: sql`exhausted as (${insertExhaustedEvents}),`, eventCtes: ["exhausted"] };
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
    const exhausted = exhaustedEvents(results);
    const written = await sql<{ id: string; lease_id: string }>`
      with input as (${inputRows(input)}),
      updated as (${updateDeliveries}),
      ${exhausted.ctes}
      attempts as (${insertAttempts} returning 1)
      select id, lease_id, ${notifyIfAny(...exhausted.eventCtes)} as notified from updated
    `.execute(trx);
    const accepted = new Set(written.rows.map((row) => `${row.id} ${row.lease_id}`));
    const kept = results.filter((r) => accepted.has(`${r.deliveryId} ${r.leaseId}`));
    if (kept.length === 0) return { recorded: 0, goneHooks: [], disabledHooks: [] };

    // The minute rollups and the hooks' health counters of the written results: one statement.
    const healthCtes = updateHookHealth(hookStats(kept), failingDisableMs);
    const health = await sql<{ id: string; auto_disabled: boolean }>`
      with rolled_up as (${attemptRollupsUpsert(rollupInputs(kept))} returning 1),
      ${healthCtes.ctes}
      select id, auto_disabled, ${notifyIfAny(...healthCtes.eventCtes)} as notified from health
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
  // Said as hook.deleted or hook.disabled (reason gone). Rare: a few statements are fine here.
  const before = await sql<{ id: string; on_gone: string; status: string }>`
    select id, on_gone, status from hooks where id in (${sql.join(hookIds)}) order by id for update
  `.execute(trx);
  const idsWhere = (test: (row: { on_gone: string; status: string }) => boolean) =>
    before.rows.filter(test).map((row) => row.id);
  await recordHookEvents(trx, {
    type: "hook.deleted",
    hookIds: idsWhere((row) => row.on_gone === "delete"),
    reason: "gone",
    by: DELETED_BY_RECEIVER,
  });
  const newlyDisabled = idsWhere((row) => row.on_gone === "disable" && row.status !== "disabled");
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
  await recordHookEvents(trx, {
    type: "hook.disabled",
    hookIds: newlyDisabled,
    reason: "gone",
    by: DELETED_BY_RECEIVER,
  });
}
