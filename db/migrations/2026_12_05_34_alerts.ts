// Frozen once committed: alerts. Hooks may take the `text` format — `{"text": "…"}`, what chat
// tools' incoming webhooks accept — for the admins' alert URL, an internal hook. Each admin's
// notifications (hook.disabled and delivery.exhausted events) are read up to a watermark (mark all
// read) plus one by one above it.
import { type Kysely, sql } from "kysely";

const idType = sql`text collate "C"`;

export async function up(db: Kysely<any>): Promise<void> {
  // Widened, never narrowed: every row already passes, so validating it is a scan without a rewrite.
  await sql`alter table hooks drop constraint hooks_format_check`.execute(db);
  await sql`alter table hooks add constraint hooks_format_check
    check (format in ('json', 'activecampaign', 'text'))`.execute(db);

  await db.schema.alterTable("users").addColumn("notifications_read_through", idType).execute();
  await db.schema
    .createTable("notification_reads")
    .addColumn("user_id", idType, (c) => c.notNull().references("users.id").onDelete("cascade"))
    // No foreign key: retention deletes old events, and with them what is left to read.
    .addColumn("event_id", idType, (c) => c.notNull())
    .addColumn("read_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint("notification_reads_pkey", ["user_id", "event_id"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("notification_reads").execute();
  await db.schema.alterTable("users").dropColumn("notifications_read_through").execute();
  await sql`delete from hooks where format = 'text'`.execute(db);
  await sql`alter table hooks drop constraint hooks_format_check`.execute(db);
  await sql`alter table hooks add constraint hooks_format_check check (format in ('json', 'activecampaign'))`.execute(
    db,
  );
}
