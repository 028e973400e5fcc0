// Frozen: when a hook's target last confirmed intent, so re-enabling an unconfirmed hook can't skip
// the handshake; and a prefix index for the admin's target search.
import { type Kysely, sql } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("hooks").addColumn("verified_at", "timestamptz").execute();
  // Hooks that are active already passed intent verification when they were created.
  await sql`update hooks set verified_at = created_at where status = 'active'`.execute(db);
  await sql`create index hooks_target_url_prefix_idx on hooks (target_url text_pattern_ops)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index if exists hooks_target_url_prefix_idx`.execute(db);
  await db.schema.alterTable("hooks").dropColumn("verified_at").execute();
}
