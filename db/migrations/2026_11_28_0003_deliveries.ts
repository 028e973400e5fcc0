// Frozen: deliveries (one per event × hook) and the log of every attempt to send one.
import { type Kysely, sql } from "kysely";

const idType = sql`text collate "C"`;

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("deliveries")
    .addColumn("id", idType, (c) => c.primaryKey())
    // Hooks are hard-deleted; their deliveries and attempt logs go with them.
    .addColumn("hook_id", idType, (c) => c.notNull().references("hooks.id").onDelete("cascade"))
    .addColumn("event_id", idType, (c) => c.notNull().references("events.id").onDelete("cascade"))
    .addColumn("sequence", "bigint", (c) => c.notNull())
    .addColumn("status", "text", (c) =>
      c.notNull().check(sql`status in ('pending', 'delivered', 'failed', 'cancelled')`),
    )
    // Attempts recorded so far (a worker that dies mid-send records none).
    .addColumn("attempt_count", "integer", (c) => c.notNull().defaultTo(0))
    // Failed attempts since the delivery was last (re)queued: the index into the retry schedule.
    .addColumn("retry_step", "integer", (c) => c.notNull().defaultTo(0))
    // When a pending delivery is due. A claim moves it to the lease's expiry, so an in-flight
    // delivery is simply "not due" and a dead worker's delivery becomes due again by itself.
    .addColumn("next_attempt_at", "timestamptz")
    .addColumn("lease_id", "text")
    .addColumn("lease_expires_at", "timestamptz")
    .addColumn("last_status_code", "integer")
    .addColumn("last_error", "text")
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("delivered_at", "timestamptz")
    // When it last became delivered, failed or cancelled: what `recover {since}` looks at.
    .addColumn("finished_at", "timestamptz")
    .execute();

  // A work queue: every claim and result is a non-HOT update that leaves dead index entries behind,
  // and claims slow down as they pile up. Vacuum it after 1 % churn, not the default 20 %.
  await sql`alter table deliveries set (autovacuum_vacuum_scale_factor = 0.01, autovacuum_analyze_scale_factor = 0.02)`.execute(
    db,
  );

  // Claiming: a hook's due deliveries, oldest due first; also counts a hook's in-flight leases.
  await sql`create index deliveries_pending_due_idx on deliveries (hook_id, next_attempt_at) where status = 'pending'`.execute(
    db,
  );
  // Ordered hooks: the lowest pending sequence is the only candidate.
  await sql`create index deliveries_pending_sequence_idx on deliveries (hook_id, sequence) where status = 'pending'`.execute(
    db,
  );
  // A hook's history, newest first, keyset on id (time-ordered). The status filter reads the same
  // index: every extra index here is paid on each of the engine's non-HOT updates.
  await sql`create index deliveries_hook_id_idx on deliveries (hook_id, id)`.execute(db);
  // Recovery: a hook's failed deliveries since a time.
  await sql`create index deliveries_failed_idx on deliveries (hook_id, finished_at) where status = 'failed'`.execute(
    db,
  );

  await db.schema
    .createTable("delivery_attempts")
    .addColumn("delivery_id", idType, (c) => c.notNull().references("deliveries.id").onDelete("cascade"))
    .addColumn("number", "integer", (c) => c.notNull())
    .addColumn("started_at", "timestamptz", (c) => c.notNull())
    .addColumn("duration_ms", "integer", (c) => c.notNull())
    .addColumn("status_code", "integer")
    .addColumn("error", "text")
    .addColumn("request_headers", "jsonb", (c) => c.notNull())
    .addColumn("request_body", "text", (c) => c.notNull())
    .addColumn("response_headers", "jsonb")
    // At most the first 20 KB of the answer.
    .addColumn("response_body", "text")
    .addPrimaryKeyConstraint("delivery_attempts_pkey", ["delivery_id", "number"])
    .execute();

  // Delivery ids made inside set-based SQL (fan-out of one event to many hooks in one statement),
  // in the same shape as server/lib/ids.ts: 9 base62 characters of epoch milliseconds, then
  // 3 of the row's ordinal in its statement (so one statement's ids sort in the order it chose),
  // then 11 random ones.
  await sql`
    create function hookline_delivery_id(at timestamptz, ordinal bigint) returns text
    language plpgsql volatile as $$
    declare
      alphabet constant text := '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
      ms bigint := floor(extract(epoch from at) * 1000)::bigint;
      n bigint := ordinal % 238328;
      head text := '';
      tail text := '';
      i integer;
    begin
      for i in 1..9 loop
        head := substr(alphabet, (ms % 62)::integer + 1, 1) || head;
        ms := ms / 62;
      end loop;
      for i in 1..3 loop
        tail := substr(alphabet, (n % 62)::integer + 1, 1) || tail;
        n := n / 62;
      end loop;
      for i in 1..11 loop
        tail := tail || substr(alphabet, floor(random() * 62)::integer + 1, 1);
      end loop;
      return 'msg_' || head || tail;
    end
    $$`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop function hookline_delivery_id(timestamptz, bigint)`.execute(db);
  await db.schema.dropTable("delivery_attempts").execute();
  await db.schema.dropTable("deliveries").execute();
}
