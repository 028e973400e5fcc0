// Frozen once committed: two-factor sign-in. An admin's authenticator secret, their one-time
// recovery codes, the short-lived state between the password and the code, and the setting that
// requires two-factor sign-in of every admin.
import { type Kysely, sql } from "kysely";

const idType = sql`text collate "C"`;

export async function up(db: Kysely<any>): Promise<void> {
  // One row per admin who has set up (or is setting up) an authenticator app.
  await db.schema
    .createTable("user_totp")
    .addColumn("user_id", idType, (c) => c.primaryKey().references("users.id").onDelete("cascade"))
    // Base32, as authenticator apps take it. Needed in the clear to compute codes.
    .addColumn("secret", "text", (c) => c.notNull())
    // Null while being set up: two-factor sign-in is on only once a first code has confirmed it.
    .addColumn("confirmed_at", "timestamptz")
    // The newest 30-second step whose code was accepted; a code of that step or an older one is
    // refused, so an accepted code can't be used again. An integer lasts until the year 4010.
    .addColumn("last_used_step", "integer")
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  // SHA-256 of each unused code, salted with the admin's id; a used code's row is deleted.
  await db.schema
    .createTable("recovery_codes")
    .addColumn("user_id", idType, (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("code_hash", "text", (c) => c.notNull())
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint("recovery_codes_pkey", ["user_id", "code_hash"])
    .execute();

  // Between a right password and the second factor: a random token in an httpOnly cookie of the
  // browser that gave the password, stored as its SHA-256; used once, for minutes.
  await db.schema
    .createTable("sign_in_challenges")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("user_id", idType, (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("failed_attempts", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("expires_at", "timestamptz", (c) => c.notNull())
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createIndex("sign_in_challenges_user_id_idx")
    .on("sign_in_challenges")
    .column("user_id")
    .execute();

  // Settings that bind every admin: exactly one row.
  await db.schema
    .createTable("security_settings")
    .addColumn("id", "boolean", (c) => c.primaryKey().defaultTo(true).check(sql`id`))
    .addColumn("require_two_factor", "boolean", (c) => c.notNull().defaultTo(false))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await sql`insert into security_settings (id) values (true)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ["security_settings", "sign_in_challenges", "recovery_codes", "user_totp"]) {
    await db.schema.dropTable(table).execute();
  }
}
