// The hooks' health counters, updated from each batch of results: delivered and failed counts, the
// run of failures at the end, and the five days of failures that disable a hook.
import { type RawBuilder, sql } from "kysely";
import { ENGINE_ACTOR, insertHookEvents } from "@/server/events/operational-events";
import { newId } from "@/server/lib/ids";
import { isoString } from "@/server/lib/iso-time";

/**
 * The hooks' health counters from per-hook stats: CTEs `s` (the stats), `cur`, `n` and `health`
 * (the update, returning id and auto_disabled), and — only when a hook of the batch is failing, so
 * could be disabled — the hook.disabled events and audit rows. A batch of successes (nearly every
 * batch) so leaves out two inserts whose mere set-up, even for no rows, costs each statement.
 * `eventCtes` names the CTEs that may raise events, for notifyIfAny.
 */
export function updateHookHealth(
  stats: HookStat[],
  failingDisableMs: number,
): { ctes: RawBuilder<unknown>; eventCtes: string[] } {
  const window = `${failingDisableMs} milliseconds`;
  const mayDisable = stats.some((stat) => stat.disabled_event_id !== null);
  const updated = sql`
    s as (${statsRows(stats)}),
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
      returning h.id, h.name, h.target_url, h.events, h.status, h.api_key_id, n.disabled_event_id as event_id,
                (n.old_status = 'active' and h.status = 'disabled') as auto_disabled
    )
  `;
  if (!mayDisable) return { ctes: updated, eventCtes: [] };
  return {
    ctes: sql`${updated},
    disabled_events as (${insertHookEvents({
      from: sql`health`,
      type: "hook.disabled",
      reason: "failing",
      by: ENGINE_ACTOR,
      where: sql`x.auto_disabled`,
    })}),
    -- The audit row of each hook this batch turned off: one per hook change, none per delivery.
    auto_disabled_audit as (
      insert into audit_log (actor_type, actor_label, kind, object_type, object_id, changes)
      select 'system', ${sql.lit(AUDIT_ENGINE)}, 'hook.disabled', 'hook', id,
             '{"status": {"before": "active", "after": "disabled"},
               "disabled_reason": {"before": null, "after": "failing"}}'::jsonb
      from health where auto_disabled
      returning 1
    )`,
    eventCtes: ["disabled_events"],
  };
}

/** Who the audit log names for what the engine decides on its own. */
const AUDIT_ENGINE = "delivery engine";

function statsRows(stats: HookStat[]) {
  return sql`
    select * from jsonb_to_recordset(${JSON.stringify(stats)}::jsonb) as s(
      hook_id text, delivered integer, failed integer, last_at timestamptz, last_status_code integer,
      had_success boolean, tail_failures integer, tail_since timestamptz, disabled_event_id text)
  `;
}

/** What the counters need of a finished attempt (an AttemptResult, result.queries.ts). */
export interface FinishedAttempt {
  hookId: string;
  status: "pending" | "delivered" | "failed";
  gone: boolean;
  statusCode: number | null;
  startedAt: Date;
  finishedAt: Date;
}

export interface HookStat {
  hook_id: string;
  delivered: number;
  failed: number;
  last_at: string;
  last_status_code: number | null;
  had_success: boolean;
  tail_failures: number;
  tail_since: string | null;
  /** The id its hook.disabled event takes should this batch disable it (only a failing hook can be). */
  disabled_event_id: string | null;
}

/** Per hook, in the order the attempts finished: counters and the run of failures at the end. */
export function hookStats(results: FinishedAttempt[]): HookStat[] {
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
        disabled_event_id: null,
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
  const stats = [...byHook.values()];
  for (const stat of stats) if (stat.tail_failures > 0) stat.disabled_event_id = newId("evt");
  return stats;
}
