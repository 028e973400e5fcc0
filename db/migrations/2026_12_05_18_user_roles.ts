// Frozen once committed: every user has one role. Everyone there is now could do everything, so
// they become owners; new users always name their role (no default).
import { type Kysely, sql } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table users add column role text not null default 'owner'`.execute(db);
  await sql`alter table users alter column role drop default`.execute(db);
  await sql`
    alter table users add constraint users_role_check
      check (role in ('owner', 'admin', 'marketer', 'viewer'))
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table users drop column role`.execute(db);
}
