// Frozen once committed: an event's deliveries, for the admin's event page ("where did this change
// go?"), and for the statement-level cascade that deletes them with their event (retention), which
// otherwise hashes every delivery. One more entry per delivery insert and non-HOT update: within
// the noise of `npm run bench` (engine phase alternated with and without it).
import { type Kysely, sql } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await sql`create index deliveries_event_id_idx on deliveries (event_id, id)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index deliveries_event_id_idx`.execute(db);
}
