// Reading the audit log: newest first, filtered, in keyset pages (by id, which grows with time).
import type { Selectable } from "kysely";
import type { Executor } from "@/db";
import type { AuditLogTable } from "@/db/schema";
import { AppError } from "@/server/errors";
import { encodeCursor, type Page } from "@/server/lib/pagination";
import { escapeLike } from "@/server/lib/sql-like";
import type { AuditEntryResource, AuditFilter } from "./audit.schema";

export const AUDIT_COLUMNS = [
  "id",
  "at",
  "actor_type",
  "actor_id",
  "actor_label",
  "kind",
  "object_type",
  "object_id",
  "changes",
  "ip",
  "user_agent",
] as const;

function cursorId(cursor: string | undefined): string | undefined {
  if (!cursor) return undefined;
  const value = Buffer.from(cursor, "base64url").toString("utf8");
  const match = /^aud_(\d{1,19})$/.exec(value);
  if (!match) throw new AppError("bad_request", "The cursor is not valid.");
  return match[1];
}

export function selectAuditLog(db: Executor, filter: AuditFilter, after?: string) {
  let query = db.selectFrom("audit_log").select(AUDIT_COLUMNS).orderBy("id", "desc");
  if (filter.actor) {
    const actor = filter.actor;
    query = query.where((eb) => eb.or([eb("actor_label", "=", actor), eb("actor_id", "=", actor)]));
  }
  if (filter.kind) {
    // "hook." (or "hook") is every hook kind; anything else is one kind exactly.
    query = filter.kind.endsWith(".")
      ? query.where("kind", "like", `${escapeLike(filter.kind)}%`)
      : query.where("kind", "=", filter.kind);
  }
  if (filter.object) query = query.where("object_id", "=", filter.object);
  if (filter.from) query = query.where("at", ">=", filter.from);
  if (filter.to) query = query.where("at", "<=", filter.to);
  if (after) query = query.where("id", "<", after);
  return query;
}

export function toAuditResource(row: Selectable<AuditLogTable>): AuditEntryResource {
  return {
    ...row,
    id: String(row.id),
    at: row.at.toISOString(),
    // jsonb: parsed by the driver.
    changes: row.changes,
  };
}

export async function listAuditLog(
  db: Executor,
  query: AuditFilter & { limit: number; cursor?: string | undefined },
): Promise<Page<AuditEntryResource>> {
  const rows = await selectAuditLog(db, query, cursorId(query.cursor))
    .limit(query.limit + 1)
    .execute();
  const hasMore = rows.length > query.limit;
  const page = rows.slice(0, query.limit).map(toAuditResource);
  const last = page.at(-1);
  return { data: page, next_cursor: hasMore && last ? encodeCursor(`aud_${last.id}`) : null };
}
