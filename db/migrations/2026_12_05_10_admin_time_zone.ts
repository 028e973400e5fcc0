// Frozen once committed: each admin's time zone for absolute times in the UI; null is the browser's.
import { type Kysely, sql } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table users add column time_zone text`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table users drop column time_zone`.execute(db);
}
