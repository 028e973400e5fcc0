// The record of deleted hooks. A trigger on `hooks` writes it for every deletion; the code that
// deletes says who and why first, in the same transaction.
import { type Selectable, sql } from "kysely";
import type { Db, Executor } from "@/db";
import type { HookDeletionsTable } from "@/db/schema/hooks";
import { type Actor, actorName } from "@/server/events/actor";
import { iso } from "@/server/lib/pagination";

export type HookDeletionReason = "deleted" | "gone";

/** Who is deleting hooks in this transaction, for the trigger that records them. */
export async function noteHookDeletion(
  trx: Executor,
  deletion: { reason: HookDeletionReason; by: string },
): Promise<void> {
  await sql`
    select set_config('hookline.deletion_reason', ${deletion.reason}, true),
           set_config('hookline.deleted_by', ${deletion.by}, true)
  `.execute(trx);
}

/** How a deleting actor is named in the record. */
export function deletedBy(actor: Actor): string {
  return actor.source === "api" ? `API key "${actorName(actor)}"` : actorName(actor);
}

export const DELETED_BY_RECEIVER = "its receiver (410 Gone)";

/** A row of hook_deletions, its times as ISO strings. */
export type HookDeletionResource = Omit<Selectable<HookDeletionsTable>, "created_at" | "deleted_at"> & {
  created_at: string;
  deleted_at: string;
};

/** The most recent deletions, newest first. */
export async function listHookDeletions(db: Db, limit = 50): Promise<HookDeletionResource[]> {
  const rows = await db
    .selectFrom("hook_deletions")
    .selectAll()
    .orderBy("deleted_at", "desc")
    .orderBy("id", "desc")
    .limit(limit)
    .execute();
  return rows.map((row) => ({ ...row, created_at: iso(row.created_at), deleted_at: iso(row.deleted_at) }));
}
