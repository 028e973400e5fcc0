// Frozen once committed: a record of every deleted hook, so a hook that vanished (its receiver
// answered 410 Gone, its integrator unsubscribed, an admin deleted it) still says who, when and why.
import { type Kysely, sql } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("hook_deletions")
    .addColumn("id", sql`text collate "C"`, (c) => c.primaryKey())
    .addColumn("name", "text")
    .addColumn("target_url", "text", (c) => c.notNull())
    .addColumn("events", sql`text[]`, (c) => c.notNull())
    .addColumn("api_key_id", "text")
    .addColumn("delivered_count", "bigint", (c) => c.notNull())
    .addColumn("failed_count", "bigint", (c) => c.notNull())
    .addColumn("created_at", "timestamptz", (c) => c.notNull())
    // "deleted" (by a person or an integrator) or "gone" (the receiver answered 410).
    .addColumn("reason", "text", (c) => c.notNull().check(sql`reason in ('deleted', 'gone')`))
    .addColumn("deleted_by", "text", (c) => c.notNull())
    .addColumn("deleted_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await sql`create index hook_deletions_deleted_at_idx on hook_deletions (deleted_at)`.execute(db);

  // Every way a hook row goes (the service, the engine's 410, an API key's cascade) passes here. Who
  // did it comes from transaction-local settings the deleting code sets; a path that sets none is
  // recorded as "deleted" by "unknown" rather than not at all.
  await sql`
    create function hookline_record_hook_deletions() returns trigger
    language plpgsql as $$
    begin
      insert into hook_deletions (id, name, target_url, events, api_key_id, delivered_count, failed_count,
                                  created_at, reason, deleted_by)
      select d.id, d.name, d.target_url, d.events, d.api_key_id, d.delivered_count, d.failed_count,
             d.created_at,
             coalesce(nullif(current_setting('hookline.deletion_reason', true), ''), 'deleted'),
             coalesce(nullif(current_setting('hookline.deleted_by', true), ''), 'unknown')
      from deleted_hooks d
      on conflict (id) do nothing;
      return null;
    end
    $$`.execute(db);
  await sql`
    create trigger hookline_record_hook_deletions after delete on hooks
    referencing old table as deleted_hooks
    for each statement execute function hookline_record_hook_deletions()`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop trigger hookline_record_hook_deletions on hooks`.execute(db);
  await sql`drop function hookline_record_hook_deletions()`.execute(db);
  await db.schema.dropTable("hook_deletions").execute();
}
