// Kysely queries over `hooks`. Each takes the database or the caller's transaction first, and a
// scope (hook.scope.ts): what a caller may not see is not in the `where`, so it is simply not found.

import { type Insertable, type Selectable, sql, type Updateable } from "kysely";
import type { Executor } from "@/db";
import type { HooksTable } from "@/db/schema";
import { type BoundedCount, countUpTo } from "@/server/lib/bounded-count";
import { escapeLike, TRIGRAM_MIN } from "@/server/lib/sql-like";
import { isOperationalEventType } from "@/shared/event.catalogue";
import { type HookScope, ownedBy } from "./hook.scope";

export type HookRow = Pick<
  Selectable<HooksTable>,
  | "id"
  | "name"
  | "target_url"
  | "events"
  | "sources"
  | "payload"
  | "format"
  | "ordered"
  | "on_gone"
  | "status"
  | "disabled_reason"
  | "disabled_at"
  | "api_key_id"
  | "created_by_user_id"
  | "verified_at"
  | "delivered_count"
  | "failed_count"
  | "last_delivery_at"
  | "last_status_code"
  | "consecutive_failures"
  | "created_at"
>;

/** Secrets are read only where they are needed (handshake, activate, rotate), never with the rest. */
const COLUMNS = [
  "hooks.id",
  "hooks.name",
  "hooks.target_url",
  "hooks.events",
  "hooks.sources",
  "hooks.payload",
  "hooks.format",
  "hooks.ordered",
  "hooks.on_gone",
  "hooks.status",
  "hooks.disabled_reason",
  "hooks.disabled_at",
  "hooks.api_key_id",
  "hooks.created_by_user_id",
  "hooks.verified_at",
  "hooks.delivered_count",
  "hooks.failed_count",
  "hooks.last_delivery_at",
  "hooks.last_status_code",
  "hooks.consecutive_failures",
  "hooks.created_at",
] as const;

export function findHookById(
  db: Executor,
  scope: HookScope,
  id: string,
  options: { forUpdate?: boolean } = {},
): Promise<HookRow | undefined> {
  let query = db.selectFrom("hooks").select(COLUMNS).where("hooks.id", "=", id).where(ownedBy(scope));
  if (options.forUpdate) query = query.forUpdate();
  return query.executeTakeFirst();
}

export function findHookSecrets(
  db: Executor,
  scope: HookScope,
  id: string,
  options: { forUpdate?: boolean } = {},
) {
  let query = db
    .selectFrom("hooks")
    .select([
      "hooks.id",
      "hooks.status",
      "hooks.secret",
      "hooks.previous_secret",
      "hooks.previous_secret_expires_at",
    ])
    .where("hooks.id", "=", id)
    .where(ownedBy(scope));
  if (options.forUpdate) query = query.forUpdate();
  return query.executeTakeFirst();
}

export function insertHook(db: Executor, row: Insertable<HooksTable>): Promise<HookRow> {
  return db.insertInto("hooks").values(row).returning(COLUMNS).executeTakeFirstOrThrow();
}

export function updateHookRow(
  db: Executor,
  scope: HookScope,
  id: string,
  changes: Updateable<HooksTable>,
): Promise<HookRow | undefined> {
  return db
    .updateTable("hooks")
    .set({ ...changes, updated_at: sql<Date>`now()` })
    .where("hooks.id", "=", id)
    .where(ownedBy(scope))
    .returning(COLUMNS)
    .executeTakeFirst();
}

export async function deleteHookRow(db: Executor, scope: HookScope, id: string): Promise<boolean> {
  const result = await db
    .deleteFrom("hooks")
    .where("hooks.id", "=", id)
    .where(ownedBy(scope))
    .executeTakeFirst();
  return result.numDeletedRows > 0n;
}

export interface HookFilter {
  status?: HookRow["status"] | undefined;
  /** Hooks that hear this event type (a `*` hook hears them all). */
  event?: string | undefined;
  /**
   * What a person typed: any part of the name or target URL (3 characters or more, on the trigram
   * index of migration 2026_12_05_12), else a prefix of the URL, with or without its scheme.
   */
  search?: string | undefined;
  /** Keyset: only hooks older than this id. */
  before?: string | undefined;
  limit: number;
}

/** Newest first, limit + 1 rows so the caller can tell whether another page exists. */
export function findHooks(db: Executor, scope: HookScope, filter: HookFilter): Promise<HookRow[]> {
  let query = hooksMatching(db, scope, filter).select(COLUMNS);
  if (filter.before) query = query.where("hooks.id", "<", filter.before);
  return query
    .orderBy("hooks.id", "desc")
    .limit(filter.limit + 1)
    .execute();
}

/** How many hooks the list's filters match: exact up to `bound`, an estimate beyond. */
export function countHooksMatching(
  db: Executor,
  scope: HookScope,
  filter: Omit<HookFilter, "before" | "limit">,
  bound?: number,
): Promise<BoundedCount> {
  return countUpTo(db, hooksMatching(db, scope, filter).select("hooks.id"), bound);
}

/** The hooks a list's filters match, nothing selected yet: the page and its total share it. */
function hooksMatching(db: Executor, scope: HookScope, filter: Omit<HookFilter, "before" | "limit">) {
  let query = db.selectFrom("hooks").where(ownedBy(scope));
  if (filter.status) query = query.where("hooks.status", "=", filter.status);
  if (filter.event) {
    // "*" is every contact event, not an operational one.
    const heardAs = isOperationalEventType(filter.event) ? [filter.event] : [filter.event, "*"];
    query = query.where(sql<boolean>`hooks.events && ${heardAs}::text[]`);
  }
  const search = filter.search;
  if (search && search.length >= TRIGRAM_MIN) {
    query = query.where(
      sql<boolean>`lower(coalesce(hooks.name, '') || ' ' || hooks.target_url) like ${`%${escapeLike(search.toLowerCase())}%`}`,
    );
  } else if (search) {
    const prefix = search;
    const patterns = /^[a-z][a-z0-9+.-]*:\/\//i.test(prefix)
      ? [`${escapeLike(prefix)}%`]
      : [`http://${escapeLike(prefix)}%`, `https://${escapeLike(prefix)}%`];
    query = query.where((eb) => eb.or(patterns.map((pattern) => eb("hooks.target_url", "like", pattern))));
  }
  return query;
}

/** What an integration may filter its hooks by, exactly (ActiveCampaign's filters[name], filters[url]). */
export interface HookMatch {
  name?: string | undefined;
  targetUrl?: string | undefined;
}

/** One offset page, oldest first, and how many match. */
export async function findHooksByOffset(
  db: Executor,
  scope: HookScope,
  match: HookMatch,
  page: { limit: number; offset: number },
): Promise<{ rows: HookRow[]; total: number }> {
  let query = db.selectFrom("hooks").where(ownedBy(scope));
  if (match.name !== undefined) query = query.where("hooks.name", "=", match.name);
  if (match.targetUrl !== undefined) query = query.where("hooks.target_url", "=", match.targetUrl);
  const [rows, counted] = await Promise.all([
    query.select(COLUMNS).orderBy("hooks.id").limit(page.limit).offset(page.offset).execute(),
    query.select(sql<number>`count(*)::int`.as("total")).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: counted.total };
}

/** Who owns each hook: the API key's name or the admin's email. */
export async function findHookOwners(
  db: Executor,
  rows: ReadonlyArray<Pick<HookRow, "api_key_id" | "created_by_user_id">>,
) {
  const keyIds = [...new Set(rows.flatMap((row) => (row.api_key_id ? [row.api_key_id] : [])))];
  const userIds = [
    ...new Set(rows.flatMap((row) => (row.created_by_user_id ? [row.created_by_user_id] : []))),
  ];
  const [keys, users] = await Promise.all([
    keyIds.length
      ? db.selectFrom("api_keys").select(["id", "name", "revoked_at"]).where("id", "in", keyIds).execute()
      : [],
    userIds.length ? db.selectFrom("users").select(["id", "email"]).where("id", "in", userIds).execute() : [],
  ]);
  return {
    keys: new Map(keys.map((key) => [key.id, key])),
    users: new Map(users.map((user) => [user.id, user])),
  };
}

/** Revoking a key disables its hooks, in the caller's transaction; answers each one's former status. */
export function disableHooksOfApiKey(db: Executor, apiKeyId: string) {
  return db
    .with("before", (qb) =>
      qb
        .selectFrom("hooks")
        .select(["id", "status"])
        .where("api_key_id", "=", apiKeyId)
        .where("status", "!=", "disabled"),
    )
    .updateTable("hooks")
    .set({
      status: "disabled",
      disabled_reason: "key_revoked",
      disabled_at: sql<Date>`now()`,
      updated_at: sql<Date>`now()`,
    })
    .from("before")
    .whereRef("hooks.id", "=", "before.id")
    .returning(["hooks.id", "before.status as old_status"])
    .execute();
}
