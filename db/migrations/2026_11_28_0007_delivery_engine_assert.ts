// Frozen once committed: a way for one set-based statement to refuse to commit.
import { type Kysely, sql } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  // The delivery engine writes a batch of results — deliveries, attempts, rollups and the hooks'
  // counters — in one statement, computed on the assumption that every lease is still its own.
  // When one was lost, the statement must not commit half-true counters: this raises (SQLSTATE
  // HL409), the whole statement rolls back, and the engine writes the batch the careful way.
  // (A plain SQL expression can't raise conditionally: the planner folds 1/0 even in a CASE.)
  await sql`
    create function hookline_assert(ok boolean, message text) returns boolean
    language plpgsql volatile as $$
    begin
      if ok is not true then
        raise exception '%', message using errcode = 'HL409';
      end if;
      return true;
    end
    $$`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop function hookline_assert(boolean, text)`.execute(db);
}
