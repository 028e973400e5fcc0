// Frozen once committed: search contacts by any part of their email, name or company, and hooks by
// any part of their name or URL, through trigram indexes (pg_trgm: contrib in PostgreSQL, an
// extension PGlite loads when the database is opened). The contacts expression must stay exactly
// as the queries write it (server/contacts/contact.queries.ts) for the index to be used.
import { type Kysely, sql } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await sql`create extension if not exists pg_trgm`.execute(db);
  await sql`
    create index contacts_search_trgm_idx on contacts using gin ((
      lower(coalesce(first_name, '') || ' ' || coalesce(last_name, '') || ' ' || email || ' ' ||
            coalesce(fields ->> 'company', ''))
    ) gin_trgm_ops)`.execute(db);
  await sql`
    create index hooks_search_trgm_idx on hooks using gin ((
      lower(coalesce(name, '') || ' ' || target_url)
    ) gin_trgm_ops)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index hooks_search_trgm_idx`.execute(db);
  await sql`drop index contacts_search_trgm_idx`.execute(db);
  await sql`drop extension if exists pg_trgm`.execute(db);
}
