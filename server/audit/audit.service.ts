// The audit log's writer: services call recordAudit inside the transaction of the change they
// make, so a change and its record commit together or not at all. Secrets never get in: fields
// whose names say secret, hash, password, token or TOTP are dropped, whatever a caller passes.
import type { Executor } from "@/db";
import type { AuditActorType, AuditChanges } from "@/db/schema";
import type { Actor } from "@/server/events/actor";

export type AuditObjectType =
  | "api_key"
  | "hook"
  | "user"
  | "automation"
  | "import"
  | "contact_export"
  | "settings"
  /**
   * An action on deliveries (a ping, a test event, a redelivery, a recover): the hook's id, or "*"
   * for a bulk redelivery whose filter named no hook.
   */
  | "delivery";

export interface AuditEntry {
  /** "<object>.<what happened>": hook.deleted, api_key.scopes_changed, … */
  kind: string;
  objectType: AuditObjectType;
  objectId: string;
  changes?: AuditChanges;
}

const SECRET_FIELD = /secret|hash|password|token|totp|recovery/i;

/** Who, in the log's columns: an admin, an API key, or the system (a job, a receiver's 410). */
export function auditActor(actor: Actor): {
  actor_type: AuditActorType;
  actor_id: string | null;
  actor_label: string;
  ip: string | null;
  user_agent: string | null;
} {
  switch (actor.source) {
    case "admin":
      return {
        actor_type: "admin",
        actor_id: actor.userId,
        actor_label: actor.email,
        ip: actor.origin?.ip ?? null,
        user_agent: actor.origin?.userAgent ?? null,
      };
    case "api":
      return {
        actor_type: "api_key",
        actor_id: actor.apiKeyId,
        actor_label: actor.name,
        ip: actor.origin?.ip ?? null,
        user_agent: actor.origin?.userAgent ?? null,
      };
    case "public":
      return { actor_type: "system", actor_id: null, actor_label: "contact", ip: null, user_agent: null };
    case "system":
      return { actor_type: "system", actor_id: null, actor_label: actor.job, ip: null, user_agent: null };
  }
}

export function withoutSecrets(changes: AuditChanges): AuditChanges {
  return Object.fromEntries(Object.entries(changes).filter(([field]) => !SECRET_FIELD.test(field)));
}

/** The fields among `fields` whose values differ between before and after (compared as JSON). */
export function changedFields<T extends object>(
  before: Partial<T> | null,
  after: Partial<T> | null,
  fields: ReadonlyArray<keyof T & string>,
): AuditChanges {
  const changes: AuditChanges = {};
  for (const field of fields) {
    const was = normalize(before?.[field]);
    const is = normalize(after?.[field]);
    if (JSON.stringify(was) !== JSON.stringify(is)) changes[field] = { before: was, after: is };
  }
  return withoutSecrets(changes);
}

function normalize(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  return value === undefined ? null : value;
}

/** Writes one row per entry, in the caller's transaction. */
export async function recordAudit(trx: Executor, actor: Actor, ...entries: AuditEntry[]): Promise<void> {
  if (entries.length === 0) return;
  const who = auditActor(actor);
  await trx
    .insertInto("audit_log")
    .values(
      entries.map((entry) => ({
        ...who,
        kind: entry.kind,
        object_type: entry.objectType,
        object_id: entry.objectId,
        changes: JSON.stringify(withoutSecrets(entry.changes ?? {})),
      })),
    )
    .execute();
}
