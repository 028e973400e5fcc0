// `npm run bench:contacts`: seeds 1,000,000 contacts in a scratch PostgreSQL database (one
// INSERT … SELECT generate_series) and times the contact list's pages, searches and filters
// through the real service code. Prints p50/p95 per query shape, and the p50 of checking the page
// against contact.list's output schema (what tRPC adds on the way out).
import { sql } from "kysely";
import pg from "pg";
import { migrateToLatest, openDatabase } from "@/db";
import { listContacts } from "@/server/contacts/contact.service";
import { randomBase62 } from "@/server/lib/ids";
import { contactPage } from "@/shared/contact.schema";

const ROWS = Number(process.env.BENCH_CONTACTS ?? 1_000_000);
const RUNS = 30;

async function admin(url: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query(statement).finally(() => client.end());
}

async function main(): Promise<void> {
  const baseUrl = process.env.DATABASE_URL;
  if (!baseUrl) throw new Error("Set DATABASE_URL: this benchmark measures PostgreSQL.");
  const name = `hookline_bench_${randomBase62(8).toLowerCase()}`;
  await admin(baseUrl, `create database ${name}`);
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  const { db, close } = await openDatabase({ url: url.toString() });
  try {
    await migrateToLatest(db);
    const seedStart = performance.now();
    // Ids keep the time-ordered shape (zero-padded, so "C" collation sorts them by i).
    await sql`
      insert into contacts (id, email, first_name, last_name, status, tags, fields, created_at, updated_at)
      select 'ctc_' || lpad(i::text, 23, '0'),
             substr(md5(i::text), 1, 6) || i || '@example.com',
             (array['Ada','Grace','Linus','Barbara','Edsger','Donald','Margaret','Alan','Ken','Frances'])[1 + i % 10],
             (array['Lovelace','Hopper','Torvalds','Liskov','Dijkstra','Knuth','Hamilton','Turing','Thompson','Allen'])[1 + (i / 10) % 10],
             case when i % 20 = 0 then 'unsubscribed' when i % 97 = 0 then 'bounced' else 'subscribed' end,
             case when i % 10 = 0 then array['vip'] when i % 1000 = 1 then array['rare'] else '{}'::text[] end,
             case when i % 50 = 0 then '{"company": "Initech Holdings"}'::jsonb else '{}'::jsonb end,
             now(), now()
      from generate_series(1, ${ROWS}) as i`.execute(db);
    await sql`analyze contacts`.execute(db);
    console.log(
      `Seeded ${ROWS.toLocaleString("en")} contacts in ${((performance.now() - seedStart) / 1000).toFixed(1)} s\n`,
    );

    const middle = await listContacts(db, { limit: 25 });
    const deepCursor = Buffer.from(`ctc_${String(Math.floor(ROWS / 2)).padStart(23, "0")}`).toString(
      "base64url",
    );
    const shapes: Array<[string, Parameters<typeof listContacts>[1]]> = [
      ["first page", { limit: 25 }],
      ["second page (cursor)", { limit: 25, cursor: middle.next_cursor ?? undefined }],
      ["page in the middle (cursor)", { limit: 25, cursor: deepCursor }],
      ["100 per page", { limit: 100 }],
      ["search 'a' (email/name prefix, common)", { limit: 25, q: "a" }],
      ["search 'ada' (first name)", { limit: 25, q: "ada" }],
      ["search 'ada lov' (full name)", { limit: 25, q: "ada lov" }],
      ["search 'c4ca42' (rare email prefix)", { limit: 25, q: "c4ca42" }],
      ["search 'zzz' (no match)", { limit: 25, q: "zzz" }],
      ["search 'velace' (inside a name, 10 %)", { limit: 25, q: "velace" }],
      ["search 'ample.com' (domain, every row)", { limit: 25, q: "ample.com" }],
      ["search '99999@' (inside an email, rare)", { limit: 25, q: "99999@" }],
      ["search 'initech' (company, 2 %)", { limit: 25, q: "initech" }],
      ["search 'qqqq' (no match, 4 letters)", { limit: 25, q: "qqqq" }],
      ["exact email", { limit: 25, email: "c4ca421@example.com" }],
      ["tag vip (10 %)", { limit: 25, tag: "vip" }],
      ["tag rare (0.1 %)", { limit: 25, tag: "rare" }],
      ["tag nobody has", { limit: 25, tag: "nope" }],
      ["status bounced (1 %)", { limit: 25, status: "bounced" }],
      ["status unsubscribed + search 'grace' (none)", { limit: 25, status: "unsubscribed", q: "grace" }],
      ["status unsubscribed + tag vip (5 %)", { limit: 25, status: "unsubscribed", tag: "vip" }],
    ];
    console.log(
      "query".padEnd(42),
      "p50 ms".padStart(8),
      "p95 ms".padStart(8),
      "rows".padStart(6),
      "output ms".padStart(10),
    );
    for (const [label, query] of shapes) {
      const timings: number[] = [];
      const parsing: number[] = [];
      let rows = 0;
      for (let run = 0; run < RUNS; run++) {
        const start = performance.now();
        const page = await listContacts(db, query as never);
        timings.push(performance.now() - start);
        rows = page.data.length;
        const parseStart = performance.now();
        contactPage.parse(page);
        parsing.push(performance.now() - parseStart);
      }
      timings.sort((a, b) => a - b);
      parsing.sort((a, b) => a - b);
      const at = (list: number[], p: number) =>
        (list[Math.min(list.length - 1, Math.floor(p * list.length))] ?? 0).toFixed(2);
      console.log(
        label.padEnd(42),
        at(timings, 0.5).padStart(8),
        at(timings, 0.95).padStart(8),
        String(rows).padStart(6),
        at(parsing, 0.5).padStart(10),
      );
    }
  } finally {
    await close();
    await admin(baseUrl, `drop database if exists ${name} with (force)`);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
