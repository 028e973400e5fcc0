// Frozen: REST Hooks subscriptions, with the health counters the delivery engine keeps up to date.
import { type Kysely, sql } from "kysely";

const idType = sql`text collate "C"`;

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("hooks")
    .addColumn("id", idType, (c) => c.primaryKey())
    .addColumn("name", "text")
    .addColumn("target_url", "text", (c) => c.notNull())
    .addColumn("events", sql`text[]`, (c) => c.notNull())
    .addColumn("sources", sql`text[]`, (c) => c.notNull().defaultTo(sql`'{admin,api,public,system}'::text[]`))
    .addColumn("payload", "text", (c) =>
      c.notNull().defaultTo("fat").check(sql`payload in ('fat', 'skinny')`),
    )
    .addColumn("ordered", "boolean", (c) => c.notNull().defaultTo(false))
    .addColumn("on_gone", "text", (c) =>
      c.notNull().defaultTo("delete").check(sql`on_gone in ('delete', 'disable')`),
    )
    .addColumn("status", "text", (c) => c.notNull().check(sql`status in ('pending', 'active', 'disabled')`))
    // Why a hook is disabled: 'admin', 'api', 'gone' (410), 'failing' (5 days), 'key_revoked'.
    .addColumn("disabled_reason", "text")
    .addColumn("disabled_at", "timestamptz")
    // The owner: the API key that created it, or the admin who did (then api_key_id is null).
    .addColumn("api_key_id", idType, (c) => c.references("api_keys.id").onDelete("cascade"))
    .addColumn("created_by_user_id", idType, (c) => c.references("users.id").onDelete("set null"))
    .addColumn("secret", "text", (c) => c.notNull())
    // During a rotation the old secret keeps signing until it expires.
    .addColumn("previous_secret", "text")
    .addColumn("previous_secret_expires_at", "timestamptz")
    .addColumn("next_sequence", "bigint", (c) => c.notNull().defaultTo(1))
    // Health, maintained by the delivery engine as it records results.
    .addColumn("delivered_count", "bigint", (c) => c.notNull().defaultTo(0))
    .addColumn("failed_count", "bigint", (c) => c.notNull().defaultTo(0))
    .addColumn("last_delivery_at", "timestamptz")
    .addColumn("last_status_code", "integer")
    .addColumn("consecutive_failures", "integer", (c) => c.notNull().defaultTo(0))
    // Start of the current run of failures; five days of it disables the hook.
    .addColumn("failing_since", "timestamptz")
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  // Fan-out asks "which active hooks hear this event type?": a GIN index over the active ones only.
  await sql`create index hooks_active_events_idx on hooks using gin (events) where status = 'active'`.execute(
    db,
  );
  await sql`create index hooks_api_key_id_idx on hooks (api_key_id, id)`.execute(db);
  await sql`create index hooks_status_id_idx on hooks (status, id)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("hooks").execute();
}
