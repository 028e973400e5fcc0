// Frozen once committed: what an API key may do and until when. Null scopes is full access, which
// is what every key made before this had; null expiry is a key that never expires.
import { type Kysely, sql } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table api_keys add column scopes text[]`.execute(db);
  await sql`alter table api_keys add column expires_at timestamptz`.execute(db);
  // A restricted key names at least one scope; an empty list would be a key that can do nothing.
  await sql`alter table api_keys add constraint api_keys_scopes_not_empty
    check (scopes is null or cardinality(scopes) > 0)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table api_keys drop constraint api_keys_scopes_not_empty`.execute(db);
  await sql`alter table api_keys drop column expires_at`.execute(db);
  await sql`alter table api_keys drop column scopes`.execute(db);
}
