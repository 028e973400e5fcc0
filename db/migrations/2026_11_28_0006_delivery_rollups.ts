// Frozen: per-minute rollups of delivery attempts and of events by source, so the admin pages read
// a few hundred small rows instead of counting millions of deliveries on every load.
import { type Kysely, sql } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  // One row per hook and minute in which it had attempts, plus one row per minute under the hook id
  // '*' for all hooks together: the dashboard then reads 1,440 rows for a day, however many hooks.
  // No foreign key on hook_id: the rows are history (a hook deleted by a 410 in the same batch must
  // not fail the write), and a deleted hook's rows are simply never asked for again.
  await db.schema
    .createTable("delivery_rollups")
    .addColumn("hook_id", sql`text collate "C"`, (c) => c.notNull())
    .addColumn("minute", "timestamptz", (c) => c.notNull())
    .addColumn("attempts", "integer", (c) => c.notNull())
    // Attempts answered 2xx.
    .addColumn("delivered", "integer", (c) => c.notNull())
    // Attempts after which the delivery was given up as failed (the last retry, or a 410).
    .addColumn("failed", "integer", (c) => c.notNull())
    .addColumn("latency_sum_ms", "bigint", (c) => c.notNull())
    // Counts per fixed log-scale latency bucket (upper bounds in ms: 1 2 3 5 7 10 15 20 30 50 70 100
    // 150 200 300 500 700 1000 1500 2000 3000 5000 7000 10000 15000 20000 30000, then the rest).
    // Buckets add up across rows, so p50/p99 of any range come from merging them.
    .addColumn("latency_buckets", sql`integer[]`, (c) => c.notNull())
    .addPrimaryKeyConstraint("delivery_rollups_pkey", ["hook_id", "minute"])
    .execute();

  await db.schema
    .createTable("event_rollups")
    .addColumn("minute", "timestamptz", (c) => c.notNull())
    .addColumn("source", "text", (c) => c.notNull())
    .addColumn("count", "integer", (c) => c.notNull())
    .addPrimaryKeyConstraint("event_rollups_pkey", ["minute", "source"])
    .execute();

  // "Hooks disabled recently": the newest few without reading every disabled hook.
  await sql`create index hooks_disabled_at_idx on hooks (disabled_at desc) where status = 'disabled'`.execute(
    db,
  );
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index if exists hooks_disabled_at_idx`.execute(db);
  await db.schema.dropTable("event_rollups").execute();
  await db.schema.dropTable("delivery_rollups").execute();
}
