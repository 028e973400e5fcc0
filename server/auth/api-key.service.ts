// API keys for integrators: shown once, stored as SHA-256, told apart by a visible prefix.
import "server-only";
import { sql } from "kysely";
import { z } from "zod";
import type { Db, Executor } from "@/db";
import { changedFields, recordAudit } from "@/server/audit/audit.service";
import { AppError, notFound } from "@/server/errors";
import { type Actor, actorName } from "@/server/events/actor";
import { recordHookEvents } from "@/server/events/operational-events";
import { disableHooksOfApiKey } from "@/server/hooks/hook.queries";
import { newId, randomBase62 } from "@/server/lib/ids";
import { type ApiKeyScope, readScopes } from "@/shared/api-key-scopes";
import { sha256Hex } from "./tokens";

const KEY_PREFIX = "hk_";
const KEY_RANDOM_CHARS = 40;
const VISIBLE_CHARS = KEY_PREFIX.length + 6;

export const apiKeyName = z
  .string()
  .trim()
  .min(1, "Give the key a name.")
  .max(100, "Use at most 100 characters for the name.");

export interface ApiKeyResource {
  id: string;
  name: string;
  prefix: string;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
  /** null: full access. */
  scopes: ApiKeyScope[] | null;
  /** null: never expires. */
  expires_at: string | null;
}

export interface ApiKeyPrincipal {
  id: string;
  name: string;
  scopes: ApiKeyScope[] | null;
}

const COLUMNS = [
  "id",
  "name",
  "prefix",
  "created_at",
  "last_used_at",
  "revoked_at",
  "scopes",
  "expires_at",
] as const;

/** Who made a change when no one is named: the command line, the only other way in. */
const CLI: Actor = { source: "system", job: "cli" };

/** What the audit log shows of a key: never its hash. */
const AUDITED_FIELDS = ["name", "scopes", "expires_at", "revoked_at"] as const;

/** How often at most a key's last_used_at is written: a busy integrator's reads stay reads. */
const LAST_USED_PRECISION_MS = 60_000;

function toResource(row: {
  id: string;
  name: string;
  prefix: string;
  created_at: Date;
  last_used_at: Date | null;
  revoked_at: Date | null;
  scopes: string[] | null;
  expires_at: Date | null;
}): ApiKeyResource {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    created_at: row.created_at.toISOString(),
    last_used_at: row.last_used_at?.toISOString() ?? null,
    revoked_at: row.revoked_at?.toISOString() ?? null,
    scopes: readScopes(row.scopes),
    expires_at: row.expires_at?.toISOString() ?? null,
  };
}

function assertExpiryInFuture(expiresAt: Date | null): void {
  if (expiresAt && expiresAt.getTime() <= Date.now()) {
    throw new AppError("validation_failed", "Choose an expiry date in the future.", {
      details: [{ path: "expires_at", message: "Choose an expiry date in the future." }],
    });
  }
}

/**
 * Returns the key's record and the key itself, which is never shown again. Without scopes the key
 * has full access; without an expiry it lasts until revoked.
 */
export async function createApiKey(
  db: Db,
  input: {
    name: string;
    createdBy: string | null;
    scopes?: ApiKeyScope[] | null;
    expiresAt?: Date | null;
    actor?: Actor;
  },
): Promise<{ apiKey: ApiKeyResource; secret: string }> {
  assertExpiryInFuture(input.expiresAt ?? null);
  const secret = KEY_PREFIX + randomBase62(KEY_RANDOM_CHARS);
  const apiKey = await db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto("api_keys")
      .values({
        id: newId("key"),
        name: input.name,
        prefix: secret.slice(0, VISIBLE_CHARS),
        hash: sha256Hex(secret),
        created_by: input.createdBy,
        scopes: input.scopes ?? null,
        expires_at: input.expiresAt ?? null,
      })
      .returning(COLUMNS)
      .executeTakeFirstOrThrow();
    const created = toResource(row);
    await recordAudit(trx, input.actor ?? CLI, {
      kind: "api_key.created",
      objectType: "api_key",
      objectId: created.id,
      changes: changedFields(null, created, ["name", "scopes", "expires_at"]),
    });
    return created;
  });
  return { apiKey, secret };
}

/** A key's record before a change, locked until the change commits. */
async function lockApiKey(trx: Executor, id: string): Promise<ApiKeyResource> {
  const row = await trx
    .selectFrom("api_keys")
    .select(COLUMNS)
    .where("id", "=", id)
    .forUpdate()
    .executeTakeFirst();
  if (!row) throw notFound("API key");
  return toResource(row);
}

/** Changes a key's columns and writes the audit row of what changed, in one transaction. */
async function changeApiKey(
  db: Db,
  options: {
    id: string;
    actor: Actor;
    kind: string;
    change: (trx: Executor, before: ApiKeyResource) => Promise<ApiKeyResource>;
  },
): Promise<ApiKeyResource> {
  return db.transaction().execute(async (trx) => {
    const before = await lockApiKey(trx, options.id);
    const after = await options.change(trx, before);
    const changes = changedFields(before, after, AUDITED_FIELDS);
    if (Object.keys(changes).length > 0) {
      await recordAudit(trx, options.actor, {
        kind: options.kind,
        objectType: "api_key",
        objectId: options.id,
        changes,
      });
    }
    return after;
  });
}

/** Widens or narrows what a key may do (null: full access), from its next request on. */
export async function changeApiKeyScopes(
  db: Db,
  options: { id: string; scopes: ApiKeyScope[] | null; actor?: Actor },
): Promise<ApiKeyResource> {
  const { id, scopes, actor = CLI } = options;
  return changeApiKey(db, {
    id,
    actor,
    kind: "api_key.scopes_changed",
    change: async (trx, before) => {
      if (before.revoked_at) throw notFound("active API key");
      const row = await trx
        .updateTable("api_keys")
        .set({ scopes })
        .where("id", "=", id)
        .returning(COLUMNS)
        .executeTakeFirstOrThrow();
      return toResource(row);
    },
  });
}

export async function listApiKeys(db: Db): Promise<ApiKeyResource[]> {
  const rows = await db.selectFrom("api_keys").select(COLUMNS).orderBy("id", "desc").execute();
  return rows.map(toResource);
}

export async function renameApiKey(
  db: Db,
  options: { id: string; name: string; actor?: Actor },
): Promise<ApiKeyResource> {
  const { id, name, actor = CLI } = options;
  return changeApiKey(db, {
    id,
    actor,
    kind: "api_key.renamed",
    change: async (trx) =>
      toResource(
        await trx
          .updateTable("api_keys")
          .set({ name })
          .where("id", "=", id)
          .returning(COLUMNS)
          .executeTakeFirstOrThrow(),
      ),
  });
}

/**
 * Revoking is immediate and final; a revoked key answers 401 on its next request. Its hooks are
 * disabled in the same transaction, so no delivery goes out on behalf of a revoked integrator.
 */
export async function revokeApiKey(db: Db, options: { id: string; actor?: Actor }): Promise<ApiKeyResource> {
  const { id, actor = CLI } = options;
  return changeApiKey(db, {
    id,
    actor,
    kind: "api_key.revoked",
    change: async (trx) => {
      const revoked = await trx
        .updateTable("api_keys")
        .set({ revoked_at: sql<Date>`coalesce(revoked_at, now())` })
        .where("id", "=", id)
        .returning(COLUMNS)
        .executeTakeFirstOrThrow();
      const disabled = await disableHooksOfApiKey(trx, id);
      await recordAudit(
        trx,
        actor,
        ...disabled.map((hook) => ({
          kind: "hook.disabled",
          objectType: "hook" as const,
          objectId: hook.id,
          changes: {
            status: { before: hook.old_status, after: "disabled" },
            disabled_reason: { before: null, after: "key_revoked" },
          },
        })),
      );
      await recordHookEvents(trx, {
        type: "hook.disabled",
        hookIds: disabled.map((hook) => hook.id),
        reason: "key_revoked",
        by: actorName(actor),
      });
      return toResource(revoked);
    },
  });
}

/** A key's name and the email of the admin who made it (null for the CLI, or a deleted admin). */
export async function describeApiKey(
  db: Db,
  id: string,
): Promise<{ id: string; name: string; email: string | null }> {
  const row = await db
    .selectFrom("api_keys")
    .leftJoin("users", "users.id", "api_keys.created_by")
    .select(["api_keys.id", "api_keys.name", "users.email"])
    .where("api_keys.id", "=", id)
    .executeTakeFirst();
  if (!row) throw notFound("API key");
  return row;
}

export async function authenticateApiKey(db: Db, secret: string | null): Promise<ApiKeyPrincipal> {
  if (!secret?.startsWith(KEY_PREFIX) || secret.length > 200) {
    throw new AppError("unauthorized", "Send a valid API key as `Authorization: Bearer <key>`.");
  }
  const row = await db
    .selectFrom("api_keys")
    .select(["id", "name", "revoked_at", "last_used_at", "scopes", "expires_at"])
    .where("hash", "=", sha256Hex(secret))
    .executeTakeFirst();
  if (!row) throw new AppError("unauthorized", "That API key is not valid.");
  if (row.revoked_at) throw new AppError("unauthorized", "That API key has been revoked.");
  if (row.expires_at && row.expires_at.getTime() <= Date.now()) {
    throw new AppError("unauthorized", `That API key expired at ${row.expires_at.toISOString()}.`);
  }
  // Written at most once a minute per key, so busy integrators don't turn every read into a write;
  // the condition is repeated in SQL so that concurrent requests at the minute's turn write once.
  if (!row.last_used_at || Date.now() - row.last_used_at.getTime() > LAST_USED_PRECISION_MS) {
    await db
      .updateTable("api_keys")
      .set({ last_used_at: sql<Date>`now()` })
      .where("id", "=", row.id)
      .where((eb) =>
        eb.or([
          eb("last_used_at", "is", null),
          eb("last_used_at", "<", sql<Date>`now() - interval '1 minute'`),
        ]),
      )
      .execute();
  }
  return { id: row.id, name: row.name, scopes: readScopes(row.scopes) };
}
