// Frozen once committed: changes to every contact a filter matches ("select all N matching"), done
// in the background a batch at a time; the row holds the progress and where to resume.
import { type Kysely, sql } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table contact_bulk_jobs (
      id text primary key,
      filter jsonb not null,
      action jsonb not null,
      status text not null check (status in ('queued', 'running', 'completed', 'failed')),
      total integer not null,
      processed integer not null default 0,
      failed integer not null default 0,
      errors jsonb not null default '[]',
      -- The walk goes newest first by id; the next batch starts below this one.
      last_id text,
      lease_owner text,
      lease_until timestamptz,
      created_by text references users (id) on delete set null,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      finished_at timestamptz
    )`.execute(db);
  await sql`create index contact_bulk_jobs_waiting_idx on contact_bulk_jobs (created_at) where status in ('queued', 'running')`.execute(
    db,
  );
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table contact_bulk_jobs`.execute(db);
}
