// Frozen once committed: contact exports as background jobs. The job row holds the filter, the
// progress and where the walk resumes; the CSV itself is kept in the database, one part per batch,
// so any server process can serve the download and a worker that dies leaves no half-written file.
import { type Kysely, sql } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table contact_exports (
      id text collate "C" primary key,
      filter jsonb not null,
      status text not null check (status in ('queued', 'running', 'completed', 'failed')),
      -- Contacts matching when the export started: what the progress counts towards.
      total integer not null,
      written integer not null default 0,
      -- The custom-field columns, chosen when the header is written and kept for a resumed run.
      field_names jsonb,
      -- The walk goes newest first by id; the next batch starts below this one.
      last_id text collate "C" not null,
      parts integer not null default 0,
      size_bytes bigint not null default 0,
      error text,
      lease_owner text,
      lease_until timestamptz,
      created_by text collate "C" references users (id) on delete set null,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      finished_at timestamptz,
      -- Set when it finishes; the clean-up job deletes the export (and its file) after it.
      expires_at timestamptz
    )`.execute(db);
  await sql`create index contact_exports_waiting_idx on contact_exports (created_at) where status in ('queued', 'running')`.execute(
    db,
  );
  await sql`create index contact_exports_expires_at_idx on contact_exports (expires_at) where expires_at is not null`.execute(
    db,
  );
  await sql`create index contact_exports_created_by_idx on contact_exports (created_by, created_at)`.execute(
    db,
  );
  await sql`
    create table contact_export_parts (
      export_id text collate "C" not null references contact_exports (id) on delete cascade,
      part integer not null,
      content text not null,
      primary key (export_id, part)
    )`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table contact_export_parts`.execute(db);
  await sql`drop table contact_exports`.execute(db);
}
