// Frozen: an event made up to show a receiver what a type looks like (POST /api/v1/hooks/{id}/test),
// addressed to one hook and marked as a test in what it receives. A constant default: no rewrite.
import type { Kysely } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable("events")
    .addColumn("test", "boolean", (c) => c.notNull().defaultTo(false))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("events").dropColumn("test").execute();
}
