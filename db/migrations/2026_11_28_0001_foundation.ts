// Frozen: users, sessions, sign-in throttle, API keys, contacts and the events outbox.
import { type Kysely, sql } from "kysely";

// Ids are time-ordered base62 strings; the "C" collation makes their order bytewise, so
// ORDER BY id is creation order and keyset pages need no second column.
const idType = sql`text collate "C"`;

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("users")
    .addColumn("id", idType, (c) => c.primaryKey())
    .addColumn("email", "text", (c) => c.notNull().unique())
    .addColumn("password_hash", "text", (c) => c.notNull())
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable("sessions")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("user_id", idType, (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("expires_at", "timestamptz", (c) => c.notNull())
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex("sessions_user_id_idx").on("sessions").column("user_id").execute();

  await db.schema
    .createTable("sign_in_throttle")
    .addColumn("key", "text", (c) => c.primaryKey())
    .addColumn("failures", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("locked_until", "timestamptz")
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable("api_keys")
    .addColumn("id", idType, (c) => c.primaryKey())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("prefix", "text", (c) => c.notNull())
    .addColumn("hash", "text", (c) => c.notNull().unique())
    .addColumn("created_by", idType, (c) => c.references("users.id").onDelete("set null"))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("last_used_at", "timestamptz")
    .addColumn("revoked_at", "timestamptz")
    .execute();

  await db.schema
    .createTable("contacts")
    .addColumn("id", idType, (c) => c.primaryKey())
    .addColumn("email", "text", (c) => c.notNull())
    .addColumn("first_name", "text")
    .addColumn("last_name", "text")
    .addColumn("phone", "text")
    .addColumn("status", "text", (c) =>
      c.notNull().check(sql`status in ('subscribed', 'unsubscribed', 'bounced')`),
    )
    .addColumn("tags", sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'::text[]`))
    .addColumn("fields", "jsonb", (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  // Emails are stored lower-cased; the unique index on lower() still guards writes that forget to.
  await sql`create unique index contacts_email_key on contacts (lower(email))`.execute(db);
  // Prefix search ("q") on email and names: text_pattern_ops makes LIKE 'x%' an index range scan
  // whatever the database collation.
  await sql`create index contacts_email_prefix_idx on contacts (lower(email) text_pattern_ops)`.execute(db);
  await sql`create index contacts_first_name_prefix_idx on contacts (lower(first_name) text_pattern_ops)`.execute(
    db,
  );
  await sql`create index contacts_last_name_prefix_idx on contacts (lower(last_name) text_pattern_ops)`.execute(
    db,
  );
  await sql`create index contacts_tags_idx on contacts using gin (tags)`.execute(db);
  await sql`create index contacts_status_id_idx on contacts (status, id)`.execute(db);

  await db.schema
    .createTable("events")
    .addColumn("id", idType, (c) => c.primaryKey())
    .addColumn("type", "text", (c) => c.notNull())
    .addColumn("source", "text", (c) =>
      c.notNull().check(sql`source in ('admin', 'api', 'public', 'system')`),
    )
    .addColumn("actor", "text", (c) => c.notNull())
    .addColumn("api_key_id", idType, (c) => c.references("api_keys.id").onDelete("set null"))
    // No foreign key: the event outlives a deleted contact.
    .addColumn("contact_id", idType)
    .addColumn("payload", "jsonb", (c) => c.notNull())
    // What changed, beyond the snapshot: {"tag": …} for tag events, {"previous": {…}} for updates.
    .addColumn("detail", "jsonb")
    .addColumn("fanout_pending", "boolean", (c) => c.notNull().defaultTo(true))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  // The delivery loop's work queue: only events not yet fanned out, which stays tiny.
  await sql`create index events_fanout_pending_idx on events (id) where fanout_pending`.execute(db);
  await sql`create index events_contact_id_idx on events (contact_id, id)`.execute(db);
  await sql`create index events_type_id_idx on events (type, id)`.execute(db);
  await sql`create index events_source_id_idx on events (source, id)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ["events", "contacts", "api_keys", "sign_in_throttle", "sessions", "users"]) {
    await db.schema.dropTable(table).execute();
  }
}
