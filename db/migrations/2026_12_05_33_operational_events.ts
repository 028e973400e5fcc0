// Frozen once committed: operational events (hook.disabled, hook.enabled, hook.deleted,
// delivery.exhausted) name the API key that owns the hook they are about, so the fan-out can give
// them to that key's hooks only. Null for contact events and for hooks an admin made. Nullable with
// no default: adding it rewrites nothing.
import { type Kysely, sql } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("events").addColumn("subject_api_key_id", sql`text collate "C"`).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("events").dropColumn("subject_api_key_id").execute();
}
