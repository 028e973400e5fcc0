// Automation rules: admin-facing management, and the tick the job runner calls every few seconds.
import { sql } from "kysely";
import type { Db, Executor } from "@/db";
import type { AutomationRunOutcome } from "@/db/schema";
import { changedFields, recordAudit } from "@/server/audit/audit.service";
import { findContactById } from "@/server/contacts/contact.queries";
import { addContactTag, setContactStatus } from "@/server/contacts/contact.service";
import { AppError, isUniqueViolation, notFound } from "@/server/errors";
import type { Actor } from "@/server/events/actor";
import { newId } from "@/server/lib/ids";
import { iso } from "@/server/lib/pagination";
import type { AutomationRuleInput, AutomationRuleResource } from "@/shared/automation.schema";

const RULE_LEASE_SECONDS = 60;
const EVENTS_PER_TICK = 500;
/**
 * An event's created_at is its transaction's start; a long transaction (an import batch) may commit
 * after later events were already scanned. Re-reading this much behind the high-water mark catches
 * those; automation_runs keeps the overlap from acting twice.
 */
const SCAN_OVERLAP_MS = 5 * 60 * 1000;

/** What the audit log shows of a rule's change. */
const AUDITED_RULE_FIELDS = [
  "name",
  "trigger_tag",
  "delay_minutes",
  "set_status",
  "add_tag",
  "status",
] as const;
/** Who changed a rule when no admin is named (tests, scripts). */
const UNNAMED: Actor = { source: "system", job: "automations" };

function lockRule(trx: Executor, id: string) {
  return trx
    .selectFrom("automation_rules")
    .select(AUDITED_RULE_FIELDS)
    .where("id", "=", id)
    .forUpdate()
    .executeTakeFirst();
}

/**
 * Runs a change to one rule and records it in the audit log, in one transaction; a rule that
 * doesn't exist is not found, and a change that changes nothing records nothing.
 */
async function changeRule(
  db: Db,
  options: { id: string; actor: Actor; kind: string; write: (trx: Executor) => Promise<unknown> },
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const before = await lockRule(trx, options.id);
    if (!before) throw notFound("automation rule");
    await options.write(trx);
    const after = (await lockRule(trx, options.id)) ?? null;
    const changes = changedFields(before, after, AUDITED_RULE_FIELDS);
    if (after && Object.keys(changes).length === 0) return;
    await recordAudit(trx, options.actor, {
      kind: options.kind,
      objectType: "automation",
      objectId: options.id,
      changes,
    });
  });
}

export async function listAutomationRules(db: Db): Promise<AutomationRuleResource[]> {
  const rows = await db
    .selectFrom("automation_rules as r")
    .select([
      "r.id",
      "r.name",
      "r.trigger_tag",
      "r.delay_minutes",
      "r.set_status",
      "r.add_tag",
      "r.status",
      "r.created_at",
    ])
    .select((eb) =>
      eb
        .selectFrom("automation_runs as run")
        .select(sql<number>`count(*)::int`.as("n"))
        .whereRef("run.rule_id", "=", "r.id")
        .where("run.outcome", "=", "applied")
        .as("applied_count"),
    )
    .orderBy("r.id", "desc")
    .execute();
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    trigger_tag: row.trigger_tag,
    delay_minutes: row.delay_minutes,
    set_status: row.set_status,
    add_tag: row.add_tag,
    status: row.status,
    applied_count: row.applied_count ?? 0,
    created_at: iso(row.created_at),
  }));
}

export async function createAutomationRule(
  db: Db,
  options: { input: AutomationRuleInput; createdBy: string | null; actor?: Actor },
): Promise<AutomationRuleResource> {
  const { input, createdBy, actor = UNNAMED } = options;
  const id = newId("rule");
  await uniqueName(() =>
    db.transaction().execute(async (trx) => {
      await trx
        .insertInto("automation_rules")
        .values({
          id,
          name: input.name,
          trigger_tag: input.trigger_tag,
          delay_minutes: input.delay_minutes,
          set_status: input.set_status,
          add_tag: input.add_tag,
          status: "active",
          // Taggings from before the rule existed are not its business.
          scanned_until: sql<Date>`now()`,
          lease_until: null,
          created_by: createdBy,
        })
        .execute();
      await recordAudit(trx, actor, {
        kind: "automation.created",
        objectType: "automation",
        objectId: id,
        changes: changedFields(null, (await lockRule(trx, id)) ?? null, AUDITED_RULE_FIELDS),
      });
    }),
  );
  return getAutomationRule(db, id);
}

/**
 * Changes what a rule does and when. A new trigger tag starts from now, as a new rule would; with
 * the same tag, taggings already waiting are acted on with the new delay and actions.
 */
export async function updateAutomationRule(
  db: Db,
  options: { id: string; input: AutomationRuleInput; actor?: Actor },
): Promise<AutomationRuleResource> {
  const { id, input, actor = UNNAMED } = options;
  await uniqueName(() =>
    changeRule(db, {
      id,
      actor,
      kind: "automation.updated",
      write: (trx) =>
        trx
          .updateTable("automation_rules")
          .set({
            name: input.name,
            trigger_tag: input.trigger_tag,
            delay_minutes: input.delay_minutes,
            set_status: input.set_status,
            add_tag: input.add_tag,
            scanned_until: sql<Date>`case when trigger_tag = ${input.trigger_tag} then scanned_until else now() end`,
            updated_at: sql`now()`,
          })
          .where("id", "=", id)
          .execute(),
    }),
  );
  return getAutomationRule(db, id);
}

async function getAutomationRule(db: Db, id: string): Promise<AutomationRuleResource> {
  const rule = (await listAutomationRules(db)).find((candidate) => candidate.id === id);
  if (!rule) throw notFound("automation rule");
  return rule;
}

/** Runs a write that sets a rule's name, answering a taken name as a conflict on the name field. */
async function uniqueName<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new AppError("conflict", "A rule with this name already exists.", {
        details: [{ path: "name", message: "A rule with this name already exists." }],
      });
    }
    throw error;
  }
}

/** Pausing holds the rule; resuming catches up on the taggings that came due meanwhile. */
export async function setAutomationRuleStatus(
  db: Db,
  options: { id: string; status: "active" | "paused"; actor?: Actor },
): Promise<void> {
  const { id, status, actor = UNNAMED } = options;
  await changeRule(db, {
    id,
    actor,
    kind: status === "paused" ? "automation.paused" : "automation.resumed",
    write: (trx) =>
      trx
        .updateTable("automation_rules")
        .set({ status, updated_at: sql`now()` })
        .where("id", "=", id)
        .execute(),
  });
}

export async function deleteAutomationRule(db: Db, options: { id: string; actor?: Actor }): Promise<void> {
  const { id, actor = UNNAMED } = options;
  await changeRule(db, {
    id,
    actor,
    kind: "automation.deleted",
    write: (trx) => trx.deleteFrom("automation_rules").where("id", "=", id).execute(),
  });
}

/**
 * One pass over the active rules: for each, the taggings (contact.tag_added of its tag, or a
 * contact created with it) that are at least `delay` old and not yet handled, acted on once each.
 * `now` is injectable so tests need not wait minutes. Returns how many contacts were changed.
 */
export async function runAutomations(db: Db, options: { now?: Date } = {}): Promise<number> {
  const now = options.now ?? new Date();
  const rules = await db
    .updateTable("automation_rules")
    .set({ lease_until: sql`now() + make_interval(secs => ${RULE_LEASE_SECONDS})` })
    .where("status", "=", "active")
    // Another process is on it: its lease keeps two runners from acting on the same rule at once.
    .where((eb) => eb.or([eb("lease_until", "is", null), eb("lease_until", "<", sql<Date>`now()`)]))
    .returning([
      "id",
      "name",
      "trigger_tag",
      "delay_minutes",
      "set_status",
      "add_tag",
      "scanned_until",
      "created_at",
    ])
    .execute();
  let applied = 0;
  for (const rule of rules) {
    try {
      applied += await runRule(db, rule, now);
    } finally {
      await db.updateTable("automation_rules").set({ lease_until: null }).where("id", "=", rule.id).execute();
    }
  }
  return applied;
}

type LeasedRule = {
  id: string;
  name: string;
  trigger_tag: string;
  delay_minutes: number;
  set_status: AutomationRuleResource["set_status"];
  add_tag: string | null;
  scanned_until: Date;
  created_at: Date;
};

async function runRule(db: Db, rule: LeasedRule, now: Date): Promise<number> {
  const dueBefore = new Date(now.getTime() - rule.delay_minutes * 60_000);
  const from = new Date(Math.max(rule.scanned_until.getTime() - SCAN_OVERLAP_MS, rule.created_at.getTime()));
  const events = await db
    .selectFrom("events as e")
    .select(["e.id", "e.contact_id"])
    .where("e.type", "in", ["contact.tag_added", "contact.created"])
    .where("e.created_at", ">=", from)
    .where("e.created_at", "<=", dueBefore)
    .where((eb) =>
      eb.or([
        eb.and([
          eb("e.type", "=", "contact.tag_added"),
          sql<boolean>`e.detail->>'tag' = ${rule.trigger_tag}`,
        ]),
        eb.and([
          eb("e.type", "=", "contact.created"),
          sql<boolean>`e.payload->'tags' @> jsonb_build_array(${rule.trigger_tag}::text)`,
        ]),
      ]),
    )
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom("automation_runs as run")
            .select("run.event_id")
            .whereRef("run.event_id", "=", "e.id")
            .where("run.rule_id", "=", rule.id),
        ),
      ),
    )
    .orderBy("e.id")
    .limit(EVENTS_PER_TICK)
    .execute();

  const actor: Actor = { source: "system", job: `automation:${rule.name}` };
  let applied = 0;
  for (const event of events) {
    if (!event.contact_id) continue;
    // Act first, then record: the actions are idempotent (a second run changes nothing and raises
    // no event), so a crash in between can't act twice in effect, and can't lose the action.
    const outcome = await actOnContact(db, rule, actor, event.contact_id);
    if (outcome === "applied") applied++;
    await db
      .insertInto("automation_runs")
      .values({ rule_id: rule.id, event_id: event.id, contact_id: event.contact_id, outcome })
      .onConflict((oc) => oc.columns(["rule_id", "event_id"]).doNothing())
      .execute();
  }
  if (events.length < EVENTS_PER_TICK) {
    await db
      .updateTable("automation_rules")
      .set({ scanned_until: sql<Date>`greatest(scanned_until, ${dueBefore})` })
      .where("id", "=", rule.id)
      .execute();
  }
  return applied;
}

async function actOnContact(
  db: Db,
  rule: LeasedRule,
  actor: Actor,
  contactId: string,
): Promise<AutomationRunOutcome> {
  const contact = await findContactById(db, contactId);
  if (!contact) return "contact_gone";
  // The tag was taken off before the delay ran out: the contact no longer qualifies.
  if (!contact.tags.includes(rule.trigger_tag)) return "tag_removed";
  let changed = false;
  try {
    if (rule.set_status && contact.status !== rule.set_status) {
      await setContactStatus(db, { actor, id: contactId, status: rule.set_status });
      changed = true;
    }
    if (rule.add_tag && !contact.tags.includes(rule.add_tag)) {
      await addContactTag(db, { actor, id: contactId, tag: rule.add_tag });
      changed = true;
    }
  } catch (error) {
    if (error instanceof AppError && error.code === "not_found") return "contact_gone";
    throw error;
  }
  return changed ? "applied" : "unchanged";
}
