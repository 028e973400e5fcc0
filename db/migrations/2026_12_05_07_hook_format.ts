// Frozen: each hook's body format — `json` (Hookline's own body) or `activecampaign` (the
// form-encoded body ActiveCampaign's webhooks send). A constant default: no table rewrite.
import { type Kysely, sql } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable("hooks")
    .addColumn("format", "text", (c) =>
      c.notNull().defaultTo("json").check(sql`format in ('json', 'activecampaign')`),
    )
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("hooks").dropColumn("format").execute();
}
