// Frozen once committed: room on the hooks' pages for the engine's updates, and no pending list
// on the index fan-out reads.
//
// Every fan-out bumps the next_sequence of each hook it reaches, and every result batch updates
// the health counters of each hook in it: with 1,000 busy hooks, 2,000 hook updates a second.
// None of those columns is indexed, so each can be a HOT update — if the row's page has room for
// the new version, which at the default fillfactor it rarely has: 22 % of them were not (bench
// (h)), and each of those added entries to every index of the table, the GIN index on `events`
// among them. GIN gathers new entries in a pending list that every search scans in full until a
// vacuum merges it: 15,600 entries after ten seconds, read by every fan-out. A fillfactor of 50
// leaves room (hooks are few and small: a thousand fit in under 1 MB), and without fastupdate the
// rarer non-HOT update writes straight into the GIN tree.
import { type Kysely, sql } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table hooks set (fillfactor = 50)`.execute(db);
  await sql`alter index hooks_active_events_idx set (fastupdate = off)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter index hooks_active_events_idx reset (fastupdate)`.execute(db);
  await sql`alter table hooks reset (fillfactor)`.execute(db);
}
