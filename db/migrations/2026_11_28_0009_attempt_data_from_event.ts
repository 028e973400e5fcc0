// Frozen once committed: the attempt log stops keeping a copy of the event's payload per attempt.
import { type Kysely, sql } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  // True when the attempt's request_body holds `"data":null` where the event's own payload went
  // out (fat payloads): readers put the event's payload back. Events never change, so the rebuilt
  // body is byte for byte what was sent, and no hook's attempt carries a copy of the contact.
  await sql`alter table delivery_attempts add column request_data_from_event boolean not null default false`.execute(
    db,
  );
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table delivery_attempts drop column request_data_from_event`.execute(db);
}
