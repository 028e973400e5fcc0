// Frozen once committed: portal sessions. An API key (or an admin, for it) makes a signed link to
// the self-service portal, which shows that key's hooks only. The link carries the session's id,
// its expiry and an HMAC; this row is what lets an admin revoke a key's links before they expire.
import { type Kysely, sql } from "kysely";

const idType = sql`text collate "C"`;

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("portal_sessions")
    .addColumn("id", idType, (c) => c.primaryKey())
    // A key's links go with the key (keys are revoked, not deleted, but a test may delete one).
    .addColumn("api_key_id", idType, (c) => c.notNull().references("api_keys.id").onDelete("cascade"))
    // The admin who made the link; null when the key made it itself (or the admin was deleted).
    .addColumn("created_by", idType, (c) => c.references("users.id").onDelete("set null"))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("expires_at", "timestamptz", (c) => c.notNull())
    .addColumn("revoked_at", "timestamptz")
    .addCheckConstraint("portal_sessions_expiry_check", sql`expires_at <= created_at + interval '24 hours'`)
    .execute();
  // Revoking a key's links: its sessions not yet revoked.
  await db.schema
    .createIndex("portal_sessions_api_key_idx")
    .on("portal_sessions")
    .column("api_key_id")
    .where(sql.ref("revoked_at"), "is", null)
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("portal_sessions").execute();
}
