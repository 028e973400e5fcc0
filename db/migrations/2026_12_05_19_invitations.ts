// Frozen once committed: invitations. An owner or admin invites an email address with a role;
// the invitee follows a one-time link and chooses their own password. Only the SHA-256 of the
// link's token is kept, so the table can't be turned back into working links.
import { type Kysely, sql } from "kysely";

const idType = sql`text collate "C"`;

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("invitations")
    .addColumn("id", idType, (c) => c.primaryKey())
    .addColumn("email", "text", (c) => c.notNull())
    .addColumn("role", "text", (c) =>
      c.notNull().check(sql`role in ('owner', 'admin', 'marketer', 'viewer')`),
    )
    .addColumn("token_hash", "text", (c) => c.notNull().unique())
    // Who sent it; an invitation outlives its sender's account (the link stays as valid as it was).
    .addColumn("invited_by", idType, (c) => c.references("users.id").onDelete("set null"))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("expires_at", "timestamptz", (c) => c.notNull())
    .addColumn("accepted_at", "timestamptz")
    .addColumn("accepted_user_id", idType, (c) => c.references("users.id").onDelete("set null"))
    .addColumn("revoked_at", "timestamptz")
    .addCheckConstraint("invitations_expiry_check", sql`expires_at <= created_at + interval '7 days'`)
    .addCheckConstraint("invitations_single_outcome_check", sql`accepted_at is null or revoked_at is null`)
    .execute();
  // The pending list: neither accepted nor revoked, newest first.
  await db.schema
    .createIndex("invitations_pending_idx")
    .on("invitations")
    .column("created_at")
    .where(sql.ref("accepted_at"), "is", null)
    .where(sql.ref("revoked_at"), "is", null)
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("invitations").execute();
}
