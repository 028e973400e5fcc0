// Frozen: app secrets, the public rate limit, CSV imports (jobs) and automation rules.
import { type Kysely, sql } from "kysely";

const idType = sql`text collate "C"`;

export async function up(db: Kysely<any>): Promise<void> {
  // Server-side secrets generated once (e.g. the unsubscribe-link key when no env secret is set),
  // kept here so links stay valid across restarts and across processes.
  await db.schema
    .createTable("app_secrets")
    .addColumn("name", "text", (c) => c.primaryKey())
    .addColumn("value", "text", (c) => c.notNull())
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  // Fixed-window counters for unauthenticated endpoints (the public subscribe form), per key (IP).
  await db.schema
    .createTable("public_rate_limits")
    .addColumn("key", "text", (c) => c.primaryKey())
    .addColumn("window_start", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("hits", "integer", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("imports")
    .addColumn("id", idType, (c) => c.primaryKey())
    .addColumn("file_name", "text", (c) => c.notNull())
    .addColumn("file_size", "integer", (c) => c.notNull())
    // The uploaded CSV, decoded as UTF-8. Kept until the import is deleted so a crashed run resumes.
    .addColumn("file", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) =>
      c.notNull().check(sql`status in ('draft', 'queued', 'running', 'completed', 'failed')`),
    )
    .addColumn("mode", "text", (c) => c.check(sql`mode in ('create_update', 'create_only')`))
    // [{column, field}] chosen by the admin when starting.
    .addColumn("mapping", "jsonb")
    .addColumn("total_rows", "integer", (c) => c.notNull())
    // Data rows committed so far: a resumed run starts here.
    .addColumn("processed_rows", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("created_count", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("updated_count", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("skipped_count", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("rejected_count", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("error", "text")
    // Which worker holds the import, and until when: a dead worker's lease runs out and another resumes.
    .addColumn("lease_owner", "text")
    .addColumn("lease_until", "timestamptz")
    .addColumn("created_by", idType, (c) => c.references("users.id").onDelete("set null"))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("started_at", "timestamptz")
    .addColumn("finished_at", "timestamptz")
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  // The runner's queue: only claimable imports, which stays tiny.
  await sql`create index imports_claimable_idx on imports (created_at) where status in ('queued', 'running')`.execute(
    db,
  );

  await db.schema
    .createTable("import_rejections")
    .addColumn("import_id", idType, (c) => c.notNull().references("imports.id").onDelete("cascade"))
    // 1-based data row number (the header is row 0), as a spreadsheet user would count them.
    .addColumn("row_number", "integer", (c) => c.notNull())
    .addColumn("reason", "text", (c) => c.notNull())
    .addColumn("data", "jsonb", (c) => c.notNull())
    .addPrimaryKeyConstraint("import_rejections_pkey", ["import_id", "row_number"])
    .execute();

  await db.schema
    .createTable("automation_rules")
    .addColumn("id", idType, (c) => c.primaryKey())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("trigger_tag", "text", (c) => c.notNull())
    .addColumn("delay_minutes", "integer", (c) => c.notNull().check(sql`delay_minutes >= 0`))
    .addColumn("set_status", "text", (c) =>
      c.check(sql`set_status in ('subscribed', 'unsubscribed', 'bounced')`),
    )
    .addColumn("add_tag", "text")
    .addColumn("status", "text", (c) => c.notNull().check(sql`status in ('active', 'paused')`))
    // Every trigger event created before this instant has been looked at (minus a small overlap).
    .addColumn("scanned_until", "timestamptz", (c) => c.notNull())
    .addColumn("lease_until", "timestamptz")
    .addColumn("created_by", idType, (c) => c.references("users.id").onDelete("set null"))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint("automation_rules_action_check", sql`set_status is not null or add_tag is not null`)
    .execute();
  await sql`create unique index automation_rules_name_key on automation_rules (lower(name))`.execute(db);

  // One row per (rule, triggering event): what makes a rule act once per tagging.
  await db.schema
    .createTable("automation_runs")
    .addColumn("rule_id", idType, (c) => c.notNull().references("automation_rules.id").onDelete("cascade"))
    .addColumn("event_id", idType, (c) => c.notNull())
    .addColumn("contact_id", idType, (c) => c.notNull())
    // 'applied', 'unchanged', 'tag_removed' or 'contact_gone'.
    .addColumn("outcome", "text", (c) => c.notNull())
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint("automation_runs_pkey", ["rule_id", "event_id"])
    .execute();
  // The automation tick scans recent tagging events by time; only the two types that can add a tag.
  await sql`create index events_tagging_created_at_idx on events (created_at)
    where type in ('contact.tag_added', 'contact.created')`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index if exists events_tagging_created_at_idx`.execute(db);
  for (const table of [
    "automation_runs",
    "automation_rules",
    "import_rejections",
    "imports",
    "public_rate_limits",
    "app_secrets",
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
