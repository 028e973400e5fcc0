// `npm run bench:admin`: seeds 10,000 hooks and 1,000,000 deliveries (with their attempts, events
// and rollups) in a scratch PostgreSQL database, set-based, then times what each admin page loads
// first (with the hooks and events lists' totals), through the real service functions. Target:
// under 200 ms each.
import { type Kysely, sql } from "kysely";
import pg from "pg";
import { type DB, migrateToLatest, openDatabase } from "@/db";
import {
  getDashboardOverview,
  getHookActivity,
  getHookSparklines,
  QUEUE_EXACT_UP_TO,
} from "@/server/dashboard/dashboard.service";
import { listDeliveryHistory } from "@/server/delivery/delivery.history";
import { countFailedMatching, type DeliveryLogFilter, listDeliveryLog } from "@/server/delivery/delivery.log";
import { getDelivery } from "@/server/delivery/delivery.read";
import { ALL_HOOKS, LATENCY_BOUNDS_MS } from "@/server/delivery/delivery.rollup";
import type { Actor } from "@/server/events/actor";
import { countEvents, listEvents } from "@/server/events/event.read";
import { countHooksForAdmin, getHookForAdmin, listHooksForAdmin } from "@/server/hooks/hook.service";
import { randomBase62 } from "@/server/lib/ids";
import { encodeCursor } from "@/server/lib/pagination";

const HOOKS = Number(process.env.BENCH_HOOKS ?? 10_000);
const DELIVERIES = Number(process.env.BENCH_DELIVERIES ?? 1_000_000);
const FANOUT = 10; // deliveries per event
const RUNS = 20;
const TARGET_MS = 200;
const BENCH_ADMIN: Actor = { source: "admin", userId: "usr_bench", email: "bench@example.com" };

const pad = (prefix: string, n: number) => `${prefix}_${String(n).padStart(23, "0")}`;
/** The busiest hook gets every 10th delivery: 100,000 of them. */
const HOT_HOOK = pad("hook", 1);

async function admin(url: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query(statement).finally(() => client.end());
}

async function timed(label: string, work: () => Promise<unknown>): Promise<void> {
  const start = performance.now();
  await work();
  console.log(`  ${label} in ${((performance.now() - start) / 1000).toFixed(1)} s`);
}

/** Contacts the events are about: each has 5 events, so about 50 deliveries. */
const CONTACTS = Math.max(1, Math.floor(DELIVERIES / FANOUT / 5));

/** The 9 base62 time characters of an id made at `at` (a timestamptz), as server/lib/ids.ts writes them. */
function base62Time(at: ReturnType<typeof sql>) {
  const alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
  return sql`(select string_agg(substr(${alphabet}, (floor(floor(extract(epoch from ${at}) * 1000) / 62::numeric ^ k) % 62)::int + 1, 1), '' order by k desc)
              from generate_series(0, 8) as k)`;
}

async function seed(db: Kysely<DB>): Promise<void> {
  const types = sql.raw(
    "array['contact.created','contact.updated','contact.deleted','contact.subscribed','contact.unsubscribed','contact.bounced','contact.tag_added','contact.tag_removed']",
  );
  await timed("users, API keys", async () => {
    await sql`insert into users (id, email, password_hash, role, created_at)
              values ('usr_bench', 'admin@example.com', 'x', 'owner', now())`.execute(db);
    await sql`
      insert into api_keys (id, name, prefix, hash, created_at)
      select 'key_' || lpad(i::text, 23, '0'), 'Integration ' || i, 'hk_' || i, md5(i::text), now()
      from generate_series(1, 100) as i`.execute(db);
  });
  await timed(`${HOOKS.toLocaleString("en")} hooks`, () =>
    sql`
      insert into hooks (id, name, target_url, events, sources, status, disabled_reason, disabled_at,
                         api_key_id, created_by_user_id, secret, delivered_count, failed_count,
                         last_delivery_at, last_status_code, verified_at, created_at, updated_at)
      select 'hook_' || lpad(i::text, 23, '0'),
             case when i % 4 = 0 then 'Hook ' || i end,
             'https://r' || i || '.example.org/hooks/' || md5(i::text),
             case when i % 3 = 0 then array['*'] else array[(${types})[1 + i % 8], (${types})[1 + (i + 3) % 8]] end,
             '{admin,api,public,system}',
             case when i % 20 = 7 then 'disabled' when i % 20 = 11 then 'pending' else 'active' end,
             case when i % 20 = 7 then (array['gone','failing','admin','key_revoked'])[1 + (i / 20) % 4] end,
             case when i % 20 = 7 then now() - (i || ' minutes')::interval end,
             case when i % 5 <> 0 then 'key_' || lpad((1 + i % 100)::text, 23, '0') end,
             case when i % 5 = 0 then 'usr_bench' end,
             'whsec_bench', 97, 1, now(), 200, now(), now() - interval '30 days', now()
      from generate_series(1, ${HOOKS}) as i`.execute(db),
  );
  const events = Math.ceil(DELIVERIES / FANOUT) + 1;
  await timed(`${events.toLocaleString("en")} events`, () =>
    sql`
      insert into events (id, type, source, actor, contact_id, payload, fanout_pending, created_at)
      select 'evt_' || lpad(i::text, 23, '0'), (${types})[1 + (i * 7) % 8],
             (array['admin','api','api','public','system'])[1 + i % 5], 'bench',
             'ctc_' || lpad((1 + i % ${CONTACTS})::text, 23, '0'),
             '{"email":"ada@example.com"}', false,
             now() - ((${events} - i) * ${(86_400_000 * 0.95) / events}::float8) * interval '1 millisecond'
      from generate_series(1, ${events}) as i`.execute(db),
  );
  // 97 % delivered, 1 % failed (4 attempts), 2 % pending (half due, half waiting for a retry).
  // Each id begins with its time, as the engine names deliveries (delivery-id.ts), so the delivery
  // log's time range (a range of ids) finds them; the rest keeps them in the seed's order.
  await timed(`${DELIVERIES.toLocaleString("en")} deliveries`, () =>
    sql`
      insert into deliveries (id, hook_id, event_id, sequence, status, attempt_count, retry_step,
                              next_attempt_at, last_status_code, created_at, delivered_at, finished_at)
      select 'msg_' || ${base62Time(sql`t`)} || lpad(i::text, 14, '0'),
             'hook_' || lpad((case when i % 10 = 0 then 1 else 2 + i % ${HOOKS - 1} end)::text, 23, '0'),
             'evt_' || lpad((1 + i / ${FANOUT})::text, 23, '0'),
             i,
             case when i % 100 = 1 then 'failed' when i % 50 = 0 then 'pending' else 'delivered' end,
             case when i % 100 = 1 then 4 when i % 100 = 0 then 1 when i % 50 = 0 then 0 else 1 end,
             case when i % 100 = 1 then 4 when i % 100 = 0 then 1 else 0 end,
             case when i % 100 = 0 then now() + interval '5 minutes' when i % 50 = 0 then now() end,
             case when i % 100 = 1 or i % 100 = 0 then 500 when i % 50 = 0 then null else 200 end,
             t, case when i % 100 <> 1 and i % 50 <> 0 then t end,
             case when i % 50 <> 0 then t end
      from generate_series(1, ${DELIVERIES}) as i,
           lateral (select now() - ((${DELIVERIES} - i) * ${(86_400_000 * 0.95) / DELIVERIES}::float8) * interval '1 millisecond' as t) as at`.execute(
      db,
    ),
  );
  await timed("delivery attempts", () =>
    sql`
      insert into delivery_attempts (delivery_id, number, started_at, duration_ms, status_code, error,
                                     request_headers, request_body, response_headers, response_body)
      select d.id, n, d.created_at + (n - 1) * interval '1 second',
             (d.sequence * 7919 + n) % 300 + case when d.sequence % 100 = 3 then 2000 else 0 end,
             d.last_status_code, null,
             '{"content-type":"application/json","user-agent":"Hookline/0.1.0","webhook-id":"msg_x","webhook-timestamp":"1764324000","webhook-signature":"v1,abc"}',
             '{"id":"evt_x","type":"contact.created","source":"api","sequence":1,"data":{"id":"ctc_x","email":"ada@example.com","first_name":"Ada","last_name":"Lovelace","status":"subscribed","tags":[],"fields":{}}}',
             '{"content-type":"application/json"}',
             case when d.last_status_code = 200 then '{"received":true}' else '{"error":"down"}' end
      from deliveries d
      cross join lateral generate_series(1, d.attempt_count) as n`.execute(db),
  );
  // The rollups the engine would have written, derived from those attempts in one pass each.
  const bounds = [0, ...LATENCY_BOUNDS_MS];
  const bucketArray = sql.raw(
    `array[${bounds
      .map((low, i) => {
        const high = LATENCY_BOUNDS_MS[i];
        return high === undefined
          ? `count(*) filter (where a.duration_ms >= ${low})`
          : `count(*) filter (where a.duration_ms >= ${i === 0 ? -1 : low} and a.duration_ms < ${high})`;
      })
      .join(", ")}]::int[]`,
  );
  await timed("delivery rollups (per hook and minute, and for all hooks)", async () => {
    for (const hook of [sql`d.hook_id`, sql`${ALL_HOOKS}::text`]) {
      await sql`
        insert into delivery_rollups (hook_id, minute, attempts, delivered, failed, latency_sum_ms, latency_buckets)
        select ${hook}, date_trunc('minute', a.started_at), count(*)::int,
               (count(*) filter (where a.status_code between 200 and 299))::int,
               (count(*) filter (where d.status = 'failed' and a.number = d.attempt_count))::int,
               sum(a.duration_ms), ${bucketArray}
        from delivery_attempts a join deliveries d on d.id = a.delivery_id
        group by 1, 2`.execute(db);
    }
  });
  await timed("event rollups", () =>
    sql`
      insert into event_rollups (minute, source, count)
      select date_trunc('minute', created_at), source, count(*)::int from events group by 1, 2`.execute(db),
  );
  await timed("analyze", () => sql`analyze`.execute(db));
}

async function measure(label: string, work: () => Promise<unknown>): Promise<number> {
  const timings: number[] = [];
  const first = performance.now();
  await work();
  const firstMs = performance.now() - first;
  for (let run = 0; run < RUNS; run++) {
    const start = performance.now();
    await work();
    timings.push(performance.now() - start);
  }
  timings.sort((a, b) => a - b);
  const at = (p: number) => timings[Math.min(timings.length - 1, Math.floor(p * timings.length))] ?? 0;
  const verdict = at(0.95) < TARGET_MS ? "ok" : "SLOW";
  console.log(
    label.padEnd(58),
    firstMs.toFixed(1).padStart(8),
    at(0.5).toFixed(1).padStart(8),
    at(0.95).toFixed(1).padStart(8),
    verdict.padStart(6),
  );
  return at(0.95);
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
    console.log(
      `Seeding ${HOOKS.toLocaleString("en")} hooks, ${DELIVERIES.toLocaleString("en")} deliveries:`,
    );
    await seed(db);
    const counts = await sql<{ rollups: number; attempts: number; pending: number }>`
      select (select count(*) from delivery_rollups)::int as rollups,
             (select count(*) from delivery_attempts)::int as attempts,
             (select count(*) from deliveries where status = 'pending')::int as pending`.execute(db);
    console.log(`  → ${JSON.stringify(counts.rows[0])}\n`);

    const deliveryAt = async (sequence: number) =>
      (await sql<{ id: string }>`select id from deliveries where sequence = ${sequence}`.execute(db)).rows[0]
        ?.id ?? "";
    const failed = await deliveryAt(101); // i % 100 = 1 → failed, 4 attempts; i % 10 ≠ 0 → a cold hook
    const failedHook = pad("hook", 2 + (101 % (HOOKS - 1)));
    const deep = encodeCursor(await deliveryAt(Math.floor(DELIVERIES / 2)));

    console.log("page data".padEnd(58), "first".padStart(8), "p50 ms".padStart(8), "p95 ms".padStart(8));
    const results: number[] = [];
    const hooksPage = async (filter: Parameters<typeof listHooksForAdmin>[1]["filter"]) => {
      const page = await listHooksForAdmin(db, { filter });
      await getHookSparklines(db, { hookIds: page.data.map((hook) => hook.id) });
    };
    results.push(await measure("hooks: first page + 24 h sparklines", () => hooksPage({ limit: 25 })));
    results.push(await measure("hooks: status disabled", () => hooksPage({ limit: 25, status: "disabled" })));
    results.push(
      await measure("hooks: event contact.tag_added", () =>
        hooksPage({ limit: 25, event: "contact.tag_added" }),
      ),
    );
    results.push(
      await measure("hooks: pending + event contact.bounced", () =>
        hooksPage({ limit: 25, status: "pending", event: "contact.bounced" }),
      ),
    );
    results.push(
      await measure("hooks: search 'r12' (target prefix)", () => hooksPage({ limit: 25, q: "r12" })),
    );
    results.push(
      await measure("hooks: search 'nomatch' (none)", () => hooksPage({ limit: 25, q: "nomatch" })),
    );
    results.push(await measure("hooks: total", () => countHooksForAdmin(db, { filter: {} })));
    results.push(
      await measure("hooks: total, status disabled + event contact.tag_added", () =>
        countHooksForAdmin(db, { filter: { status: "disabled", event: "contact.tag_added" } }),
      ),
    );
    results.push(
      await measure("hooks: total, search 'nomatch' (none)", () =>
        countHooksForAdmin(db, { filter: { q: "nomatch" } }),
      ),
    );
    results.push(await measure("events: first page", () => listEvents(db, { limit: 50 })));
    results.push(
      await measure("events: first page, api + contact.bounced", () =>
        listEvents(db, { limit: 50, source: "api", type: "contact.bounced" }),
      ),
    );
    results.push(await measure("events: total (estimated past 10,000)", () => countEvents(db, {})));
    results.push(
      await measure("events: total, api + contact.bounced", () =>
        countEvents(db, { source: "api", type: "contact.bounced" }),
      ),
    );
    results.push(
      await measure("events: total, type hook.ping (none)", () => countEvents(db, { type: "hook.ping" })),
    );
    results.push(
      await measure("hook detail: hot hook (100k deliveries)", () => getHookForAdmin(db, { id: HOT_HOOK })),
    );
    results.push(
      await measure("hook detail: history first page", () =>
        listDeliveryHistory(db, { actor: BENCH_ADMIN, query: { hookId: HOT_HOOK, limit: 25 } }),
      ),
    );
    results.push(
      await measure("hook detail: history first page, a quiet hook", () =>
        listDeliveryHistory(db, { actor: BENCH_ADMIN, query: { hookId: failedHook, limit: 25 } }),
      ),
    );
    results.push(
      await measure("hook detail: history page in the middle (cursor)", () =>
        listDeliveryHistory(db, { actor: BENCH_ADMIN, query: { hookId: HOT_HOOK, limit: 25, cursor: deep } }),
      ),
    );
    results.push(
      await measure("hook detail: history status failed (none, 5k scan)", () =>
        listDeliveryHistory(db, {
          actor: BENCH_ADMIN,
          query: { hookId: HOT_HOOK, limit: 25, status: "failed" },
        }),
      ),
    );
    results.push(
      await measure("hook detail: history status pending", () =>
        listDeliveryHistory(db, {
          actor: BENCH_ADMIN,
          query: { hookId: HOT_HOOK, limit: 25, status: "pending" },
        }),
      ),
    );
    results.push(
      await measure("hook detail: history event contact.bounced", () =>
        listDeliveryHistory(db, {
          actor: BENCH_ADMIN,
          query: { hookId: HOT_HOOK, limit: 25, eventType: "contact.bounced" },
        }),
      ),
    );
    results.push(
      await measure("hook detail: history event hook.ping (none, 5k scan)", () =>
        listDeliveryHistory(db, {
          actor: BENCH_ADMIN,
          query: { hookId: HOT_HOOK, limit: 25, eventType: "hook.ping" },
        }),
      ),
    );
    results.push(
      await measure("hook detail: chart 1 h", () => getHookActivity(db, { hookId: HOT_HOOK, range: "1h" })),
    );
    results.push(
      await measure("hook detail: chart 24 h", () => getHookActivity(db, { hookId: HOT_HOOK, range: "24h" })),
    );
    results.push(
      await measure("hook detail: chart 7 d", () => getHookActivity(db, { hookId: HOT_HOOK, range: "7d" })),
    );
    results.push(
      await measure("delivery detail: failed, 4 attempts", () =>
        getDelivery(db, { actor: BENCH_ADMIN, hookId: failedHook, deliveryId: failed }),
      ),
    );
    results.push(await measure("dashboard: everything", () => getDashboardOverview(db)));

    // The delivery log across hooks (/deliveries): its first page, alone and under each filter.
    const logPage = (filter: DeliveryLogFilter) =>
      listDeliveryLog(db, { actor: BENCH_ADMIN, query: { filter, limit: 50 } });
    const hoursAgo = (hours: number) => new Date(Date.now() - hours * 3_600_000);
    const contact = pad("ctc", 4242);
    results.push(await measure("deliveries: first page", () => logPage({})));
    results.push(await measure("deliveries: status failed", () => logPage({ status: "failed" })));
    results.push(await measure("deliveries: status pending", () => logPage({ status: "pending" })));
    results.push(
      await measure("deliveries: status cancelled (none, 5k scan)", () => logPage({ status: "cancelled" })),
    );
    results.push(
      await measure("deliveries: event contact.bounced", () => logPage({ eventType: "contact.bounced" })),
    );
    results.push(
      await measure("deliveries: event hook.ping (none, 5k scan)", () => logPage({ eventType: "hook.ping" })),
    );
    results.push(await measure("deliveries: hook, the hot one", () => logPage({ hookId: HOT_HOOK })));
    results.push(await measure("deliveries: hook, a quiet one", () => logPage({ hookId: failedHook })));
    results.push(
      await measure("deliveries: contact (~50 deliveries)", () => logPage({ contactId: contact })),
    );
    results.push(
      await measure("deliveries: time range, 12 h to 11 h ago", () =>
        logPage({ from: hoursAgo(12), to: hoursAgo(11) }),
      ),
    );
    results.push(
      await measure("deliveries: failed + contact.updated + last 6 h", () =>
        logPage({ status: "failed", eventType: "contact.updated", from: hoursAgo(6) }),
      ),
    );
    results.push(
      await measure("deliveries: page in the middle (cursor)", () =>
        listDeliveryLog(db, { actor: BENCH_ADMIN, query: { filter: {}, limit: 50, cursor: deep } }),
      ),
    );
    results.push(
      await measure("deliveries: failed to redeliver, no filter (cap 10,000)", () =>
        countFailedMatching(db, { actor: BENCH_ADMIN, filter: {} }),
      ),
    );
    results.push(
      await measure("deliveries: failed to redeliver, contact.updated", () =>
        countFailedMatching(db, { actor: BENCH_ADMIN, filter: { eventType: "contact.updated" } }),
      ),
    );
    results.push(
      await measure("deliveries: failed to redeliver, a quiet hook", () =>
        countFailedMatching(db, { actor: BENCH_ADMIN, filter: { hookId: failedHook } }),
      ),
    );

    const worst = Math.max(...results);
    console.log(`\nWorst p95: ${worst.toFixed(1)} ms (target < ${TARGET_MS} ms)`);

    const plan = await sql<{ "QUERY PLAN": string }>`
      explain (analyze, buffers, costs off)
      select count(*) from (select 1 from deliveries where status = 'pending' and next_attempt_at <= now() limit ${QUEUE_EXACT_UP_TO}) due`.execute(
      db,
    );
    console.log(`\nQueue depth (due), exact part (estimated past ${QUEUE_EXACT_UP_TO}):`);
    for (const row of plan.rows) console.log(`  ${row["QUERY PLAN"]}`);
  } finally {
    await close();
    // BENCH_KEEP=1 leaves the database for EXPLAIN sessions; drop it by hand afterwards.
    if (process.env.BENCH_KEEP === "1") console.log(`\nKept database ${name}`);
    else await admin(baseUrl, `drop database if exists ${name} with (force)`);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
