// Hook rules: ownership, intent verification, activation, secret rotation, enable/disable.
// The REST API (an API key) and the admin UI (a user) both come through here.
import { randomBytes } from "node:crypto";
import type { Db, Executor } from "@/db";
import type { HookDisabledReason } from "@/db/schema";
import { changedFields, recordAudit } from "@/server/audit/audit.service";
import { AppError, notFound } from "@/server/errors";
import { type Actor, actorName } from "@/server/events/actor";
import { recordHookEvents } from "@/server/events/operational-events";
import type { BoundedCount } from "@/server/lib/bounded-count";
import { newId } from "@/server/lib/ids";
import { decodeCursor, iso, type Page, toPage } from "@/server/lib/pagination";
import { assertTargetAllowed, parseTargetUrl } from "@/server/outbound/target-guard";
import { deletedBy, noteHookDeletion } from "./hook.deletions";
import {
  countHooksMatching,
  deleteHookRow,
  findHookById,
  findHookOwners,
  findHookSecrets,
  findHooks,
  findHooksByOffset,
  type HookMatch,
  type HookRow,
  insertHook,
  updateHookRow,
} from "./hook.queries";
import type {
  HookAdminResource,
  HookCountFilter,
  HookCreateInput,
  HookListFilter,
  HookResource,
  HookUpdateInput,
  HookWithSecret,
} from "./hook.schema";
import { type HookScope, scopeOf } from "./hook.scope";
import { countPendingDeliveries } from "./hook.stats";
import { secretsEqual, verifyIntent } from "./intent-verification";

const SECRET_PREFIX = "whsec_";
/** How long the secret before a rotation keeps signing, so receivers can switch without a gap. */
const PREVIOUS_SECRET_TTL_MS = 24 * 60 * 60 * 1000;

/** What the audit log shows of a hook's change: never its secrets. */
const AUDITED_HOOK_FIELDS = [
  "name",
  "target_url",
  "events",
  "sources",
  "payload",
  "format",
  "ordered",
  "on_gone",
  "status",
  "disabled_reason",
] as const satisfies ReadonlyArray<keyof HookRow>;

export function newHookSecret(): string {
  return SECRET_PREFIX + randomBytes(32).toString("base64");
}

/** The API's hook representation; the only place stats are shaped. */
export function toHookResource(row: HookRow, pendingCount: number): HookResource {
  return {
    id: row.id,
    name: row.name,
    target_url: row.target_url,
    target: row.target_url,
    events: row.events,
    event: row.events[0] ?? "*",
    sources: row.sources,
    payload: row.payload,
    format: row.format,
    ordered: row.ordered,
    on_gone: row.on_gone,
    status: row.status,
    created_at: iso(row.created_at),
    stats: {
      delivered: row.delivered_count,
      failed: row.failed_count,
      pending: pendingCount,
      last_delivery_at: row.last_delivery_at ? iso(row.last_delivery_at) : null,
      last_status_code: row.last_status_code,
      consecutive_failures: row.consecutive_failures,
    },
  };
}

async function present(db: Executor, rows: HookRow[]): Promise<HookResource[]> {
  const pending = await countPendingDeliveries(
    db,
    rows.map((row) => row.id),
  );
  return rows.map((row) => toHookResource(row, pending.get(row.id) ?? 0));
}

async function presentOne(db: Executor, row: HookRow): Promise<HookResource> {
  const [resource] = await present(db, [row]);
  return resource as HookResource;
}

async function presentForAdmin(db: Executor, rows: HookRow[]): Promise<HookAdminResource[]> {
  const [resources, owners] = await Promise.all([present(db, rows), findHookOwners(db, rows)]);
  return rows.map((row, index) => {
    const key = row.api_key_id ? owners.keys.get(row.api_key_id) : undefined;
    const user = row.created_by_user_id ? owners.users.get(row.created_by_user_id) : undefined;
    const owner: HookAdminResource["owner"] = key
      ? { kind: "api_key", id: key.id, name: key.name, revoked: key.revoked_at !== null }
      : { kind: "admin", id: user?.id ?? null, name: user?.email ?? "a deleted admin", revoked: false };
    return {
      ...(resources[index] as HookResource),
      owner,
      disabled_reason: row.disabled_reason,
      disabled_at: row.disabled_at ? iso(row.disabled_at) : null,
    };
  });
}

function revokedKey(): AppError {
  return new AppError("unauthorized", "That API key has been revoked.");
}

/**
 * How a new target is accepted. `rest-hooks`: the REST Hooks handshake (intent verification).
 * `none`: ActiveCampaign's API has no handshake, and its clients point hooks at workflow URLs that
 * start a run for any POST — a handshake would start one for a body that is no event. The target
 * guard applies either way, and such a hook counts as confirmed by the call that made it.
 */
export type TargetAcceptance = "rest-hooks" | "none";

async function acceptTarget(
  acceptance: TargetAcceptance,
  request: Parameters<typeof verifyIntent>[0],
): Promise<"active" | "pending"> {
  if (acceptance === "rest-hooks") return verifyIntent(request);
  await assertTargetAllowed(request.target);
  return "active";
}

/**
 * Creates a hook after its target was accepted (see TargetAcceptance). The handshake runs before
 * anything is written (no transaction is held open across HTTP): if it fails, nothing is stored.
 */
export async function createHook(
  db: Db,
  options: { actor: Actor; input: HookCreateInput; intentTimeoutMs?: number; acceptance?: TargetAcceptance },
): Promise<HookWithSecret> {
  const { actor, input } = options;
  scopeOf(actor);
  const target = parseTargetUrl(input.target_url).href;
  const id = newId("hook");
  const secret = newHookSecret();
  const outcome = await acceptTarget(options.acceptance ?? "rest-hooks", {
    hookId: id,
    target,
    events: input.events,
    secret,
    timeoutMs: options.intentTimeoutMs,
  });

  const row = await db.transaction().execute(async (trx) => {
    if (actor.source === "api") {
      // Holds off a concurrent revoke until this hook exists, so the revoke disables it too.
      const key = await trx
        .selectFrom("api_keys")
        .select("revoked_at")
        .where("id", "=", actor.apiKeyId)
        .forShare()
        .executeTakeFirst();
      if (!key || key.revoked_at) throw revokedKey();
    }
    const created = await insertHook(trx, {
      id,
      name: input.name,
      target_url: target,
      events: input.events,
      sources: input.sources,
      payload: input.payload,
      format: input.format,
      ordered: input.ordered,
      on_gone: input.on_gone,
      status: outcome,
      verified_at: outcome === "active" ? new Date() : null,
      api_key_id: actor.source === "api" ? actor.apiKeyId : null,
      created_by_user_id: actor.source === "admin" ? actor.userId : null,
      secret,
    });
    await recordAudit(trx, actor, {
      kind: "hook.created",
      objectType: "hook",
      objectId: id,
      changes: changedFields(null, created, AUDITED_HOOK_FIELDS),
    });
    return created;
  });
  return { ...toHookResource(row, 0), secret };
}

export async function listHooks(
  db: Db,
  options: { actor: Actor; query: { limit: number; cursor?: string | undefined } },
): Promise<Page<HookResource>> {
  const { limit, cursor } = options.query;
  const rows = await findHooks(db, scopeOf(options.actor), { before: decodeCursor(cursor), limit });
  const page = toPage(rows, limit, (row) => row);
  return { data: await present(db, page.data), next_cursor: page.next_cursor };
}

/** How many hooks the caller owns: the total beside listHooks' pages. */
export function countHooks(db: Db, options: { actor: Actor }): Promise<BoundedCount> {
  return countHooksMatching(db, scopeOf(options.actor), {});
}

/** An offset page of the caller's hooks, oldest first, with the number that match (for /api/3). */
export async function listHooksByOffset(
  db: Db,
  options: { actor: Actor; match: HookMatch; limit: number; offset: number },
): Promise<{ data: HookResource[]; total: number }> {
  const { rows, total } = await findHooksByOffset(db, scopeOf(options.actor), options.match, options);
  return { data: await present(db, rows), total };
}

/** The hooks list's total: exact up to EXACT_COUNT_BOUND, then an estimate (exact: false). */
export function countHooksForAdmin(db: Db, options: { filter: HookCountFilter }): Promise<BoundedCount> {
  const { filter } = options;
  return countHooksMatching(db, "all", {
    status: filter.status,
    event: filter.event || undefined,
    search: filter.q || undefined,
  });
}

/** Every hook, with its owner; for the admin UI. */
export async function listHooksForAdmin(
  db: Db,
  options: { filter: HookListFilter },
): Promise<Page<HookAdminResource>> {
  const { filter } = options;
  const rows = await findHooks(db, "all", {
    status: filter.status,
    event: filter.event || undefined,
    search: filter.q || undefined,
    before: decodeCursor(filter.cursor),
    limit: filter.limit,
  });
  const page = toPage(rows, filter.limit, (row) => row);
  return { data: await presentForAdmin(db, page.data), next_cursor: page.next_cursor };
}

async function requireHook(db: Executor, scope: HookScope, id: string, forUpdate = false): Promise<HookRow> {
  const row = await findHookById(db, scope, id, { forUpdate });
  if (!row) throw notFound("hook");
  return row;
}

export async function getHook(db: Db, options: { actor: Actor; id: string }): Promise<HookResource> {
  return presentOne(db, await requireHook(db, scopeOf(options.actor), options.id));
}

export async function getHookForAdmin(db: Db, options: { id: string }): Promise<HookAdminResource> {
  const [resource] = await presentForAdmin(db, [await requireHook(db, "all", options.id)]);
  return resource as HookAdminResource;
}

/**
 * Applies a PATCH. A new target is verified first (with the hook's current secret), outside any
 * transaction; if that fails, nothing changes. Turning a hook back on never skips verification: a
 * hook whose target has not confirmed intent goes back to `pending`, not `active`.
 */
export async function updateHook(
  db: Db,
  options: {
    actor: Actor;
    id: string;
    input: HookUpdateInput;
    intentTimeoutMs?: number;
    acceptance?: TargetAcceptance;
  },
): Promise<HookResource> {
  const { actor, id, input } = options;
  const scope = scopeOf(actor);
  const before = await requireHook(db, scope, id);

  let newTarget: { url: string; outcome: "active" | "pending" } | undefined;
  if (input.target_url !== undefined) {
    const url = parseTargetUrl(input.target_url).href;
    if (url !== before.target_url) {
      const secrets = await findHookSecrets(db, scope, id);
      if (!secrets) throw notFound("hook");
      // The alert URL's hook (format text) points at a chat tool, which cannot answer a handshake.
      const acceptance = options.acceptance ?? (before.format === "text" ? "none" : "rest-hooks");
      const outcome = await acceptTarget(acceptance, {
        hookId: id,
        target: url,
        events: input.events ?? before.events,
        secret: secrets.secret,
        timeoutMs: options.intentTimeoutMs,
      });
      newTarget = { url, outcome };
    }
  }
  if (input.status === "active" && before.status === "disabled" && !newTarget) {
    // The target may have moved onto a disallowed address while the hook was off.
    await assertTargetAllowed(before.target_url);
  }

  const row = await db.transaction().execute(async (trx) => {
    const current = await requireHook(trx, scope, id, true);
    const changes: Parameters<typeof updateHookRow>[3] = {};
    if (input.events !== undefined) changes.events = input.events;
    if (input.sources !== undefined) changes.sources = input.sources;
    if (input.payload !== undefined) changes.payload = input.payload;
    if (input.format !== undefined) changes.format = input.format;
    if (input.ordered !== undefined) changes.ordered = input.ordered;
    if (input.on_gone !== undefined) changes.on_gone = input.on_gone;
    if (input.name !== undefined) changes.name = input.name;

    let status = current.status;
    let verified = current.verified_at !== null;
    if (newTarget) {
      changes.target_url = newTarget.url;
      verified = newTarget.outcome === "active";
      changes.verified_at = verified ? new Date() : null;
      // A disabled hook stays disabled; otherwise the new target decides.
      if (status !== "disabled") status = newTarget.outcome;
    }

    if (input.status === "disabled" && current.status !== "disabled") {
      status = "disabled";
      const reason: HookDisabledReason = actor.source === "api" ? "api" : "admin";
      changes.disabled_reason = reason;
      changes.disabled_at = new Date();
    } else if (input.status === "active") {
      if (current.status === "pending" && !verified) {
        throw new AppError(
          "conflict",
          "This hook awaits intent confirmation: the receiver must call POST /api/v1/hooks/{id}/activate with its X-Hook-Secret.",
        );
      }
      if (current.status === "disabled") {
        await assertOwnerKeyNotRevoked(trx, current);
        status = verified ? "active" : "pending";
        changes.disabled_reason = null;
        changes.disabled_at = null;
        // A fresh start: the five-day failure clock must not carry over from before the pause.
        changes.consecutive_failures = 0;
        changes.failing_since = null;
      }
    }
    if (status !== current.status) changes.status = status;

    if (Object.keys(changes).length === 0) return current;
    const updated = await updateHookRow(trx, scope, id, changes);
    if (!updated) throw notFound("hook");
    await recordAudit(trx, actor, {
      kind: hookChangeKind(current.status, updated.status),
      objectType: "hook",
      objectId: id,
      changes: changedFields(current, updated, AUDITED_HOOK_FIELDS),
    });
    if (updated.status === "disabled" && current.status !== "disabled") {
      await recordHookEvents(trx, {
        type: "hook.disabled",
        hookIds: [id],
        reason: changes.disabled_reason ?? "admin",
        by: actorName(actor),
      });
    } else if (current.status === "disabled" && updated.status !== "disabled") {
      await recordHookEvents(trx, { type: "hook.enabled", hookIds: [id], by: actorName(actor) });
    }
    return updated;
  });
  return presentOne(db, row);
}

/** What the audit log calls a change: turning a hook off or on says so; anything else is an update. */
function hookChangeKind(before: HookRow["status"], after: HookRow["status"]): string {
  if (after === "disabled" && before !== "disabled") return "hook.disabled";
  if (before === "disabled" && after !== "disabled") return "hook.enabled";
  return "hook.updated";
}

async function assertOwnerKeyNotRevoked(db: Executor, row: HookRow): Promise<void> {
  if (!row.api_key_id) return;
  const key = await db
    .selectFrom("api_keys")
    .select("revoked_at")
    .where("id", "=", row.api_key_id)
    .executeTakeFirst();
  if (!key || key.revoked_at) {
    throw new AppError(
      "conflict",
      "The API key that owns this hook has been revoked; the hook stays disabled.",
    );
  }
}

/**
 * Deletes a hook; its deliveries go with it (they cascade on the hook), and the record of deleted
 * hooks says who did it.
 */
export async function deleteHook(db: Db, options: { actor: Actor; id: string }): Promise<void> {
  const deleted = await db.transaction().execute(async (trx) => {
    const scope = scopeOf(options.actor);
    const before = await findHookById(trx, scope, options.id, { forUpdate: true });
    if (!before) return false;
    await noteHookDeletion(trx, { reason: "deleted", by: deletedBy(options.actor) });
    await recordAudit(trx, options.actor, {
      kind: "hook.deleted",
      objectType: "hook",
      objectId: options.id,
      changes: changedFields(before, null, AUDITED_HOOK_FIELDS),
    });
    // Written from the row before it goes, so hooks listening hear what was deleted.
    await recordHookEvents(trx, {
      type: "hook.deleted",
      hookIds: [options.id],
      reason: "deleted",
      by: actorName(options.actor),
    });
    return deleteHookRow(trx, scope, options.id);
  });
  if (!deleted) throw notFound("hook");
}

/**
 * The receiver's delayed confirmation: the X-Hook-Secret it was sent must come back. Checked in
 * constant time; a wrong or missing secret is 403 and changes nothing.
 */
export async function activateHook(
  db: Db,
  options: { actor: Actor; id: string; secret: string | null },
): Promise<HookResource> {
  const scope = scopeOf(options.actor);
  const row = await db.transaction().execute(async (trx) => {
    const secrets = await findHookSecrets(trx, scope, options.id, { forUpdate: true });
    if (!secrets) throw notFound("hook");
    if (!secretsEqual(options.secret, secrets.secret)) {
      throw new AppError(
        "forbidden",
        "The X-Hook-Secret header does not match the secret sent to the target.",
      );
    }
    if (secrets.status === "disabled") {
      throw new AppError("conflict", 'This hook is disabled; enable it with PATCH status "active".');
    }
    if (secrets.status === "active") return requireHook(trx, scope, options.id);
    const updated = await updateHookRow(trx, scope, options.id, {
      status: "active",
      verified_at: new Date(),
    });
    if (!updated) throw notFound("hook");
    await recordAudit(trx, options.actor, {
      kind: "hook.activated",
      objectType: "hook",
      objectId: options.id,
      changes: { status: { before: secrets.status, after: "active" } },
    });
    return updated;
  });
  return presentOne(db, row);
}

/**
 * Issues a new signing secret. The old one keeps signing (alongside) for 24 hours so receivers can
 * switch without dropping a delivery; a second rotation within that window retires the oldest.
 */
export async function rotateHookSecret(
  db: Db,
  options: { actor: Actor; id: string },
): Promise<{ secret: string }> {
  const scope = scopeOf(options.actor);
  const secret = newHookSecret();
  await db.transaction().execute(async (trx) => {
    const current = await findHookSecrets(trx, scope, options.id, { forUpdate: true });
    if (!current) throw notFound("hook");
    await updateHookRow(trx, scope, options.id, {
      secret,
      previous_secret: current.secret,
      previous_secret_expires_at: new Date(Date.now() + PREVIOUS_SECRET_TTL_MS),
    });
    // That it happened, never what either secret is.
    await recordAudit(trx, options.actor, {
      kind: "hook.secret_rotated",
      objectType: "hook",
      objectId: options.id,
    });
  });
  return { secret };
}
