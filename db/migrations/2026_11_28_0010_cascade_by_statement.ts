// Frozen once committed: two foreign keys on the engine's hottest inserts become statement-level
// cascades.
//
// Every delivery the fan-out inserts checked its event exists, and every attempt the result writer
// inserts checked its delivery exists: one row lock and index probe each, ~9 % of PostgreSQL's CPU
// per delivery (perf, `npm run bench`). Neither check can fail there — the fan-out holds the event
// locked while it inserts, and an attempt is inserted only for the delivery row the same statement
// has just updated and locked — so they guarded nothing. What the keys also did, cascade a
// deletion, is kept by a trigger that runs once per deleting statement instead. deliveries.hook_id
// keeps its foreign key: hooks are deleted, and that is what takes their history with them.
import { type Kysely, sql } from "kysely";

/** After a statement deletes rows of `parent`, delete the rows of `child` whose `column` named them. */
async function cascadeByStatement(
  db: Kysely<any>,
  name: string,
  parent: string,
  child: string,
  column: string,
): Promise<void> {
  await sql`
    create function ${sql.raw(name)}() returns trigger
    language plpgsql as $$
    begin
      delete from ${sql.raw(child)} c using deleted_rows d where c.${sql.raw(column)} = d.id;
      return null;
    end
    $$`.execute(db);
  await sql`
    create trigger ${sql.raw(name)} after delete on ${sql.raw(parent)}
    referencing old table as deleted_rows
    for each statement execute function ${sql.raw(name)}()`.execute(db);
}

export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table deliveries drop constraint deliveries_event_id_fkey`.execute(db);
  await sql`alter table delivery_attempts drop constraint delivery_attempts_delivery_id_fkey`.execute(db);
  await cascadeByStatement(
    db,
    "hookline_deliveries_delete_attempts",
    "deliveries",
    "delivery_attempts",
    "delivery_id",
  );
  // Events are never deleted today; should a retention job ever delete them, their deliveries go too.
  await cascadeByStatement(db, "hookline_events_delete_deliveries", "events", "deliveries", "event_id");
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop trigger hookline_events_delete_deliveries on events`.execute(db);
  await sql`drop function hookline_events_delete_deliveries()`.execute(db);
  await sql`drop trigger hookline_deliveries_delete_attempts on deliveries`.execute(db);
  await sql`drop function hookline_deliveries_delete_attempts()`.execute(db);
  await sql`
    alter table delivery_attempts add constraint delivery_attempts_delivery_id_fkey
    foreign key (delivery_id) references deliveries (id) on delete cascade`.execute(db);
  await sql`
    alter table deliveries add constraint deliveries_event_id_fkey
    foreign key (event_id) references events (id) on delete cascade`.execute(db);
}
