// Frozen once committed: the deliveries → hooks foreign key becomes two statement-level triggers.
//
// The key checked every delivery row on its own: a row lock and an SPI query per row the fan-out
// inserted, ~4 % of PostgreSQL's CPU per delivery (perf, `npm run bench`), although one fan-out
// inserts hundreds of rows for a handful of hooks that it has locked already. The same guarantee is
// kept once per statement: after an insert, each distinct hook is locked `for key share` (what the
// key's check takes, so a concurrent delete waits for us or has already happened) and the
// statement fails with the key's own error if one is missing; after a delete of hooks, their
// deliveries go (and their attempts with them, by 0010's trigger).
import { type Kysely, sql } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table deliveries drop constraint deliveries_hook_id_fkey`.execute(db);
  await sql`
    create function hookline_deliveries_check_hooks() returns trigger
    language plpgsql as $$
    declare
      missing text;
    begin
      -- One pass over the new rows: lock each distinct hook, then name any that is not there (a
      -- hook deleted and committed meanwhile is skipped by the lock, so it counts as missing).
      with wanted as (select distinct hook_id from new_deliveries),
      locked as (
        select h.id from hooks h where h.id in (select hook_id from wanted) order by h.id for key share
      )
      select w.hook_id into missing from wanted w where w.hook_id not in (select id from locked) limit 1;
      if missing is not null then
        raise exception 'insert or update on table "deliveries" violates foreign key constraint "deliveries_hook_id_fkey"'
          using errcode = 'foreign_key_violation',
                detail = format('Key (hook_id)=(%s) is not present in table "hooks".', missing);
      end if;
      return null;
    end
    $$`.execute(db);
  await sql`
    create trigger hookline_deliveries_check_hooks after insert on deliveries
    referencing new table as new_deliveries
    for each statement execute function hookline_deliveries_check_hooks()`.execute(db);
  await sql`
    create function hookline_hooks_delete_deliveries() returns trigger
    language plpgsql as $$
    begin
      delete from deliveries c using deleted_hooks d where c.hook_id = d.id;
      return null;
    end
    $$`.execute(db);
  await sql`
    create trigger hookline_hooks_delete_deliveries after delete on hooks
    referencing old table as deleted_hooks
    for each statement execute function hookline_hooks_delete_deliveries()`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop trigger hookline_hooks_delete_deliveries on hooks`.execute(db);
  await sql`drop function hookline_hooks_delete_deliveries()`.execute(db);
  await sql`drop trigger hookline_deliveries_check_hooks on deliveries`.execute(db);
  await sql`drop function hookline_deliveries_check_hooks()`.execute(db);
  await sql`
    alter table deliveries add constraint deliveries_hook_id_fkey
    foreign key (hook_id) references hooks (id) on delete cascade`.execute(db);
}
