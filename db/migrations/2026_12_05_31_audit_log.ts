// Frozen once committed: the audit log. One row per change to users, API keys, hooks, automations,
// imports and settings, written in the transaction of the change: who (an admin, an API key or
// the system), what (kind, object, the changed fields before and after — never a secret), when,
// and from where. Pruned with the rest of the history.
import { type Kysely, sql } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("audit_log")
    // Keyset pages walk this: newest first is highest first.
    .addColumn("id", "bigint", (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn("at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("actor_type", "text", (c) =>
      c.notNull().check(sql`actor_type in ('admin', 'api_key', 'system')`),
    )
    // The admin's or the key's id; null for the system. Not a foreign key: the row outlives them.
    .addColumn("actor_id", "text")
    // The admin's email, the key's name or the job's name, as they were then.
    .addColumn("actor_label", "text", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("object_type", "text", (c) => c.notNull())
    .addColumn("object_id", "text", (c) => c.notNull())
    // {"field": {"before": …, "after": …}} of the fields that changed.
    .addColumn("changes", "jsonb", (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn("ip", "text")
    .addColumn("user_agent", "text")
    .execute();
  await db.schema.createIndex("audit_log_at_idx").on("audit_log").column("at").execute();
  await db.schema.createIndex("audit_log_object_idx").on("audit_log").columns(["object_id", "id"]).execute();
  await db.schema.createIndex("audit_log_actor_idx").on("audit_log").columns(["actor_id", "id"]).execute();
  await db.schema.createIndex("audit_log_kind_idx").on("audit_log").columns(["kind", "id"]).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("audit_log").execute();
}
