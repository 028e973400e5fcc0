// `npm run bench`: how fast Hookline delivers, measured end to end on this machine.
// PostgreSQL when DATABASE_URL is set (in a scratch database it creates and drops), else PGlite.
// A loopback receiver runs in its own process. Prints, in one run:
//   (a) the raw ceiling: signed POSTs/s from a bare undici Pool to the same receiver;
//   (b) Hookline end to end: deliveries/s with every delivery and every attempt persisted;
//   (c) (b) ÷ (a);
//   (d) p50/p95/p99 from event commit to the receiver's 2xx at a steady event rate;
//   (e) fan-out time of one event to 1, 100 and 1,000 hooks;
//   (f) the sender's peak RSS;
//   (g) neighbours: a healthy hook's latency beside a hook that answers after 20 s, on one origin;
//   (h) a fleet: 1,000 hooks over 50 origins, some failing, some slow, some timing out — the
//       healthy hooks' latency, and deliveries/s.
import { type ChildProcess, fork } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { sql } from "kysely";
import pg from "pg";
import { Pool } from "undici";
import { type Db, migrateToLatest, type OpenDatabase, openDatabase } from "@/db";
import { buildBody, buildHeaders, type DeliveryMessage } from "@/server/delivery/delivery.payload";
import { DeliveryEngine } from "@/server/delivery/engine/delivery.engine";
import { fanOutEvents } from "@/server/delivery/engine/fan-out.queries";
import { type NewEvent, recordEvents } from "@/server/events/event.outbox";
import { newId, randomBase62 } from "@/server/lib/ids";
import type { EventType } from "@/shared/event.catalogue";

const HOOKS = Number(process.env.BENCH_HOOKS ?? 10);
const EVENTS = Number(process.env.BENCH_EVENTS ?? 10000);
const RAW_SECONDS = Number(process.env.BENCH_RAW_SECONDS ?? 8);
const RATE = Number(process.env.BENCH_RATE ?? 500);
const LATENCY_SECONDS = Number(process.env.BENCH_LATENCY_SECONDS ?? 10);
const LATENCY_HOOKS = Number(process.env.BENCH_LATENCY_HOOKS ?? 1);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 64);
const SCENARIO_RATE = Number(process.env.BENCH_SCENARIO_RATE ?? 200);
const SCENARIO_SECONDS = Number(process.env.BENCH_SCENARIO_SECONDS ?? 10);

const ROOT = path.resolve(import.meta.dirname, "../..");

let peakRss = 0;
const rssTimer = setInterval(() => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
}, 100);

function secret(): string {
  return `whsec_${Buffer.from(crypto.getRandomValues(new Uint8Array(32))).toString("base64")}`;
}

function contactSnapshot(i: number): Record<string, unknown> {
  return {
    id: `ctc_${String(i).padStart(23, "0")}`,
    email: `person${i}@example.com`,
    first_name: "Ada",
    last_name: "Lovelace",
    phone: "+44 20 7946 0000",
    status: "subscribed",
    tags: ["vip", "newsletter"],
    fields: { plan: "pro", company: "Analytical Engines Ltd" },
    created_at: "2026-11-28T10:00:00.000Z",
    updated_at: "2026-11-28T10:00:00.000Z",
  };
}

// ---- receiver process ----------------------------------------------------------------------

interface Receiver {
  child: ChildProcess;
  url: string;
  /** First receipt of each event, by any hook. */
  seen: Map<string, number>;
  /** First receipt of each (event, hook), keyed `${eventId} ${hookId}`. */
  receipts: Map<string, number>;
  count: number;
  report: (on: boolean) => void;
  /** Opens `count` more ports (each its own origin); answers their base URLs. */
  listen: (count: number) => Promise<string[]>;
}

async function startReceiver(): Promise<Receiver> {
  const child = fork(path.join(ROOT, "server/bench/bench-receiver.ts"), [], {
    execArgv: ["--import", "tsx"],
    cwd: ROOT,
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  const receiver: Receiver = {
    child,
    url: "",
    seen: new Map(),
    receipts: new Map(),
    count: 0,
    report: (on) => child.send({ type: "report", on }),
    listen: (count) =>
      new Promise((resolve) => {
        const onListening = (message: { type: string; ports?: number[] }) => {
          if (message.type !== "listening") return;
          child.off("message", onListening);
          resolve((message.ports ?? []).map((port) => `http://127.0.0.1:${port}`));
        };
        child.on("message", onListening);
        child.send({ type: "listen", count });
      }),
  };
  child.on(
    "message",
    (message: { type: string; port?: number; count?: number; items?: [string, number, string][] }) => {
      if (message.type === "seen") {
        receiver.count = message.count ?? receiver.count;
        for (const [id, at, hookId] of message.items ?? []) {
          if (!receiver.seen.has(id)) receiver.seen.set(id, at);
          const key = `${id} ${hookId}`;
          if (!receiver.receipts.has(key)) receiver.receipts.set(key, at);
        }
      }
    },
  );
  const port = await new Promise<number>((resolve, reject) => {
    child.once("message", (message: { type: string; port?: number }) => {
      if (message.type === "ready" && message.port) resolve(message.port);
    });
    child.once("exit", (code) => reject(new Error(`receiver exited with ${code}`)));
  });
  receiver.url = `http://127.0.0.1:${port}/hook`;
  return receiver;
}

// ---- (a) raw ceiling -----------------------------------------------------------------------

async function rawCeiling(url: string): Promise<{ rate: number; sent: number }> {
  const target = new URL(url);
  const pool = new Pool(target.origin, { connections: CONNECTIONS, keepAliveTimeout: 30_000 });
  const message: DeliveryMessage = {
    id: newId("msg"),
    sequence: 1,
    hook: {
      id: newId("hook"),
      targetUrl: url,
      events: ["contact.updated"],
      payload: "fat",
      format: "json",
      secret: secret(),
      previousSecret: null,
      previousSecretExpiresAt: null,
    },
    event: {
      id: newId("evt"),
      type: "contact.updated",
      source: "api",
      actor: "bench",
      contactId: "ctc_1",
      payload: contactSnapshot(1),
      detail: null,
      createdAt: new Date(),
    },
  };
  let sent = 0;
  let all = 0;
  let measuring = false;
  let stop = false;
  const worker = async () => {
    while (!stop) {
      const body = buildBody(message);
      const headers = buildHeaders(message, body, new Date());
      const response = await pool.request({ path: target.pathname, method: "POST", headers, body });
      await response.body.dump();
      all += 1;
      if (measuring) sent += 1;
    }
  };
  const workers = Array.from({ length: CONNECTIONS }, worker);
  await new Promise((resolve) => setTimeout(resolve, 1000)); // warm-up: connections, JIT
  measuring = true;
  const started = performance.now();
  await new Promise((resolve) => setTimeout(resolve, RAW_SECONDS * 1000));
  const elapsed = (performance.now() - started) / 1000;
  measuring = false;
  stop = true;
  await Promise.all(workers);
  await pool.close();
  // `all` includes the warm-up, whose CPU the caller's accounting includes too.
  return { rate: sent / elapsed, sent: all };
}

// ---- CPU accounting ----------------------------------------------------------------------

// On a shared 2-core machine the rates above move with whatever else runs; the CPU seconds each
// process spends per message do not. Linux only (/proc); elsewhere the line is left out.
const TICKS_PER_SECOND = 100;

function processTicks(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return Number(fields[11]) + Number(fields[12]); // utime + stime
  } catch {
    return Number.NaN;
  }
}

interface CpuSample {
  self: number;
  receiver: number;
  postgres: number;
}

async function cpuSample(db: Db | undefined, receiverPid: number | undefined): Promise<CpuSample> {
  let postgres = 0;
  if (db) {
    // Every backend of the bench's own database: the engine's, the producers' and this query's.
    const pids = await sql<{ pid: number }>`
      select pid from pg_stat_activity where datname = current_database()
    `.execute(db);
    for (const { pid } of pids.rows) postgres += processTicks(pid);
  }
  const usage = process.cpuUsage();
  return {
    self: ((usage.user + usage.system) / 1e6) * TICKS_PER_SECOND,
    receiver: receiverPid ? processTicks(receiverPid) : Number.NaN,
    postgres,
  };
}

/** CPU milliseconds per message between two samples, per process. */
function cpuPerMessage(before: CpuSample, after: CpuSample, messages: number) {
  const ms = (ticks: number) => (ticks * 1000) / TICKS_PER_SECOND / messages;
  return {
    self: ms(after.self - before.self),
    receiver: ms(after.receiver - before.receiver),
    postgres: ms(after.postgres - before.postgres),
  };
}

// ---- helpers -------------------------------------------------------------------------------

/** Hooks whose target and events may differ by index; answers their ids in index order. */
async function insertHooks(
  db: Db,
  count: number,
  values: {
    target: string | ((i: number) => string);
    events: string[] | ((i: number) => string[]);
    status?: "active" | "disabled";
  },
): Promise<string[]> {
  const ids = Array.from({ length: count }, () => newId("hook"));
  const at = <T>(value: T | ((i: number) => T), i: number): T =>
    typeof value === "function" ? (value as (i: number) => T)(i) : value;
  for (let i = 0; i < ids.length; i += 500) {
    await db
      .insertInto("hooks")
      .values(
        ids.slice(i, i + 500).map((id, j) => ({
          id,
          target_url: at(values.target, i + j),
          events: at(values.events, i + j),
          status: values.status ?? "active",
          secret: secret(),
          created_at: sql<Date>`now() - interval '1 minute'`,
        })),
      )
      .execute();
  }
  return ids;
}

interface Produced {
  /** Each committed event, with its index and when its commit returned. */
  commits: Array<{ id: string; i: number; at: number }>;
  seconds: number;
  failed: number;
}

/**
 * Commits `rate` events per second for `seconds`, each in its own transaction through the real
 * outbox writer (which NOTIFYs), as many at once as the rate asks for.
 */
async function produceEvents(
  db: Db,
  rate: number,
  seconds: number,
  event: (i: number) => NewEvent,
): Promise<Produced> {
  const commits: Produced["commits"] = [];
  const total = rate * seconds;
  const started = performance.now();
  const inflight = new Set<Promise<void>>();
  let issued = 0;
  let failed = 0;
  while (issued < total) {
    const due = Math.min(total, Math.floor(((performance.now() - started) / 1000) * rate));
    while (issued < due) {
      issued += 1;
      const i = issued;
      const p = db
        .transaction()
        .execute(async (trx) => (await recordEvents(trx, [event(i)]))[0] as string)
        .then((id) => {
          commits.push({ id, i, at: performance.timeOrigin + performance.now() });
        })
        .catch(() => {
          failed += 1;
        })
        .finally(() => inflight.delete(p));
      inflight.add(p);
    }
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
  await Promise.all(inflight);
  return { commits, seconds: (performance.now() - started) / 1000, failed };
}

/**
 * Waits until every key is in `received` (or `ms` passed); answers commit → receipt for those
 * found, sorted, and how many never came.
 */
async function receiptLatencies(
  received: Map<string, number>,
  expected: Array<{ key: string; committed: number }>,
  ms = 30_000,
): Promise<{ sorted: number[]; missing: number }> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline && expected.some(({ key }) => !received.has(key))) {
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const sorted = expected
    .map(({ key, committed }) => {
      const seen = received.get(key);
      return seen === undefined ? undefined : seen - committed;
    })
    .filter((value): value is number => value !== undefined)
    .sort((a, b) => a - b);
  return { sorted, missing: expected.length - sorted.length };
}

function latencySummary(sorted: number[]): string {
  return (
    `p50 ${fmt(percentile(sorted, 50), 1)} ms, p95 ${fmt(percentile(sorted, 95), 1)} ms, ` +
    `p99 ${fmt(percentile(sorted, 99), 1)} ms (target ≤ 50 ms), max ${fmt(sorted.at(-1) ?? Number.NaN, 1)} ms`
  );
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number;
}

const fmt = (n: number, digits = 0) =>
  n.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits });

// ---- main ----------------------------------------------------------------------------------

async function main(): Promise<void> {
  const baseUrl = process.env.DATABASE_URL;
  let opened: OpenDatabase;
  let producer: OpenDatabase | undefined;
  let cleanup: () => Promise<void>;
  if (baseUrl) {
    const name = `hookline_bench_${randomBase62(8).toLowerCase()}`;
    const admin = async (statement: string) => {
      const client = new pg.Client({ connectionString: baseUrl });
      await client.connect();
      await client.query(statement).finally(() => client.end());
    };
    await admin(`create database ${name}`);
    const url = new URL(baseUrl);
    url.pathname = `/${name}`;
    opened = await openDatabase({ url: url.toString(), poolSize: 8 });
    // The producers commit through their own pool, like web requests would.
    producer = await openDatabase({ url: url.toString(), poolSize: 8 });
    cleanup = async () => {
      await producer?.close();
      await opened.close();
      // Closed pools end their connections without waiting for the server side to go: a plain DROP
      // waits (up to 5 s) for those backends to exit, where `with (force)` killed them mid-exit and
      // the bench ended on a spurious "idle connection lost" warning. Force is the fallback.
      await admin(`drop database if exists ${name}`).catch(() =>
        admin(`drop database if exists ${name} with (force)`),
      );
    };
  } else {
    const dir = mkdtempSync(path.join(tmpdir(), "hookline-bench-"));
    opened = await openDatabase({ dataDir: dir });
    cleanup = async () => {
      await opened.close();
      rmSync(dir, { recursive: true, force: true });
    };
  }
  const db = opened.db;
  const producerDb = producer?.db ?? db;
  const receiver = await startReceiver();
  process.env.HOOKLINE_ALLOWED_TARGETS = "127.0.0.0/8";
  const lines: string[] = [];
  const out = (line: string) => {
    lines.push(line);
    console.log(line);
  };
  let engine: DeliveryEngine | undefined;
  try {
    await migrateToLatest(db);
    out(
      `Hookline delivery bench — ${opened.kind === "postgres" ? "PostgreSQL" : "PGlite"}, Node ${process.version}, ` +
        `${HOOKS} hooks × ${EVENTS} events, ${CONNECTIONS} connections to one loopback receiver (own process)`,
    );

    // (a)
    const pgDb = opened.kind === "postgres" ? db : undefined;
    const rawCpuBefore = await cpuSample(pgDb, receiver.child.pid);
    const { rate: raw, sent: rawSent } = await rawCeiling(receiver.url);
    const rawCpu = cpuPerMessage(rawCpuBefore, await cpuSample(pgDb, receiver.child.pid), rawSent);
    out(`(a) raw ceiling, bare undici Pool, signed POSTs: ${fmt(raw)} /s`);

    // (b) a backlog of EVENTS events to HOOKS hooks, drained by the engine.
    await insertHooks(db, HOOKS, { target: receiver.url, events: ["contact.updated"] });
    const snapshot = JSON.stringify(contactSnapshot(1));
    await sql`
      insert into events (id, type, source, actor, contact_id, payload, created_at)
      select 'evt_' || lpad(g::text, 23, '0'), 'contact.updated', 'api', 'bench',
             'ctc_' || lpad(g::text, 23, '0'), ${snapshot}::jsonb, now()
      from generate_series(1, ${EVENTS}) g
    `.execute(db);
    const expected = HOOKS * EVENTS;
    engine = new DeliveryEngine(opened, { pollMs: 1000 });
    const e2eCpuBefore = await cpuSample(pgDb, receiver.child.pid);
    const startedAt = performance.now();
    await engine.start();
    while (engine.stats.recorded < expected) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      if (performance.now() - startedAt > 300_000)
        throw new Error("end-to-end run did not finish in 5 minutes");
    }
    const e2eSeconds = (performance.now() - startedAt) / 1000;
    const e2eCpu = cpuPerMessage(e2eCpuBefore, await cpuSample(pgDb, receiver.child.pid), expected);
    const throughput = expected / e2eSeconds;
    const check = await sql<{ delivered: number; attempts: number }>`
      select (select count(*) from deliveries where status = 'delivered')::int as delivered,
             (select count(*) from delivery_attempts)::int as attempts
    `.execute(db);
    out(
      `(b) Hookline end to end: ${fmt(throughput)} deliveries/s ` +
        `(${fmt(expected)} in ${fmt(e2eSeconds, 2)} s; ${fmt(check.rows[0]?.delivered ?? 0)} delivered rows, ` +
        `${fmt(check.rows[0]?.attempts ?? 0)} attempt rows; leased at fan-out ${fmt(engine.stats.leasedAtFanOut)}, ` +
        `by a claim ${fmt(engine.stats.leasedByClaim)}; passes ${engine.stats.claims} (${fmt(engine.stats.claimMs)} ms), ` +
        `result flushes ${engine.stats.flushes} (${fmt(engine.stats.flushMs)} ms))`,
    );
    out(`(c) ratio (b)/(a): ${fmt((100 * throughput) / raw, 1)} % (target ≥ 50 %)`);
    if (Number.isFinite(e2eCpu.receiver)) {
      const rawTotal = rawCpu.self + rawCpu.receiver;
      const e2eTotal = e2eCpu.self + e2eCpu.receiver + (pgDb ? e2eCpu.postgres : 0);
      out(
        `    CPU per message: (a) sender ${fmt(rawCpu.self, 3)} + receiver ${fmt(rawCpu.receiver, 3)} ms; ` +
          `(b) engine ${fmt(e2eCpu.self, 3)} + receiver ${fmt(e2eCpu.receiver, 3)}` +
          (pgDb ? ` + PostgreSQL ${fmt(e2eCpu.postgres, 3)}` : "") +
          ` ms → (c) at equal CPU: ${fmt((100 * rawTotal) / e2eTotal, 1)} %`,
      );
    }
    const rssAfterThroughput = peakRss;

    // The drain above left ~2 dead index entries per delivery; autovacuum (1 % threshold on this
    // table) would clear them within its naptime — do it now so (d) measures the steady state.
    await sql`vacuum analyze deliveries`.execute(db);

    // (d) steady RATE events/s, each committed in its own transaction through the real outbox writer.
    await insertHooks(db, LATENCY_HOOKS, { target: receiver.url, events: ["contact.created"] });
    receiver.report(true);
    const statsBefore = { ...engine.stats };
    const produced = await produceEvents(producerDb, RATE, LATENCY_SECONDS, (i) => ({
      type: "contact.created",
      actor: { source: "system", job: "bench" },
      contactId: `ctc_${String(i).padStart(23, "0")}`,
      payload: contactSnapshot(i),
    }));
    const backlog = await sql<{ events: number; deliveries: number }>`
      select (select count(*) from events where fanout_pending)::int as events,
             (select count(*) from deliveries where status = 'pending')::int as deliveries
    `.execute(db);
    const { sorted: latencies, missing } = await receiptLatencies(
      receiver.seen,
      produced.commits.map((c) => ({ key: c.id, committed: c.at })),
    );
    receiver.report(false);
    out(
      `(d) commit → 2xx at ${fmt(produced.commits.length / produced.seconds)} committed events/s (target ${RATE}) to ${LATENCY_HOOKS} hook(s), ` +
        `${fmt(latencies.length)} samples: p50 ${fmt(percentile(latencies, 50), 1)} ms, ` +
        `p95 ${fmt(percentile(latencies, 95), 1)} ms, p99 ${fmt(percentile(latencies, 99), 1)} ms (target ≤ 20 ms), ` +
        `max ${fmt(latencies.at(-1) ?? Number.NaN, 1)} ms; backlog when the producer stopped: ` +
        `${backlog.rows[0]?.events ?? 0} events, ${backlog.rows[0]?.deliveries ?? 0} deliveries` +
        (missing > 0 ? `; ${missing} not seen within 30 s` : "") +
        (produced.failed > 0 ? `; ${produced.failed} commits failed` : ""),
    );

    const passes = engine.stats.claims - statsBefore.claims;
    const flushes = engine.stats.flushes - statsBefore.flushes;
    out(
      `    during (d): ${fmt(passes)} fan-out+claim passes averaging ${fmt((engine.stats.claimMs - statsBefore.claimMs) / Math.max(1, passes), 1)} ms, ` +
        `${fmt(flushes)} result flushes averaging ${fmt((engine.stats.flushMs - statsBefore.flushMs) / Math.max(1, flushes), 1)} ms`,
    );

    // (e) fan-out of one event to 1, 100 and 1,000 hooks, the engine stopped so it measures alone.
    await engine.stop();
    engine = undefined;
    const fanHooks = await insertHooks(db, 1000, {
      target: receiver.url,
      events: ["contact.bounced"],
      status: "disabled",
    });
    const fanTimes: string[] = [];
    for (const n of [1, 100, 1000]) {
      await db
        .updateTable("hooks")
        .set({ status: "active" })
        .where("id", "in", fanHooks.slice(0, n))
        .execute();
      await db
        .insertInto("events")
        .values({
          id: newId("evt"),
          type: "contact.bounced",
          source: "system",
          actor: "bench",
          contact_id: "ctc_1",
          payload: snapshot,
        })
        .execute();
      const started = performance.now();
      const result = await fanOutEvents(db, 10);
      const ms = performance.now() - started;
      if (result.deliveries !== n)
        throw new Error(`fan-out made ${result.deliveries} deliveries, expected ${n}`);
      fanTimes.push(`${fmt(n)} → ${fmt(ms, 1)} ms`);
    }
    out(`(e) fan-out of one event: ${fanTimes.join(", ")} (target: 1,000 hooks ≤ 1 s)`);
    out(
      `(f) sender RSS: peak ${fmt(peakRss / 1024 / 1024)} MB, target < 300 MB (after the throughput run ${fmt(rssAfterThroughput / 1024 / 1024)} MB; ` +
        "the bench process also runs the event producers)",
    );

    // (g) and (h) each run a fresh engine with the default settings; the earlier phases' hooks rest.
    await db.updateTable("hooks").set({ status: "disabled" }).where("status", "=", "active").execute();
    const actor = { source: "system", job: "bench" } as const;

    // (g) neighbours: one hook answering after 20 s (past the 15 s deadline) and one healthy hook on
    // the same origin, both on every event.
    const [shared] = await receiver.listen(1);
    const [, healthy] = await insertHooks(db, 2, {
      target: (i) => (i === 0 ? `${shared}/delay/20000` : `${shared}/hook`),
      events: ["contact.subscribed"],
    });
    engine = new DeliveryEngine(opened);
    await engine.start();
    receiver.report(true);
    const neighbours = await produceEvents(producerDb, SCENARIO_RATE, SCENARIO_SECONDS, (i) => ({
      type: "contact.subscribed",
      actor,
      contactId: `ctc_${String(i).padStart(23, "0")}`,
      payload: contactSnapshot(i),
    }));
    const neighbour = await receiptLatencies(
      receiver.receipts,
      neighbours.commits.map((c) => ({ key: `${c.id} ${healthy}`, committed: c.at })),
    );
    receiver.report(false);
    out(
      `(g) neighbours: one hook answering after 20 s and one healthy hook on the same origin, ` +
        `${fmt(neighbours.commits.length / neighbours.seconds)} events/s for ${SCENARIO_SECONDS} s: the healthy hook's ` +
        `${latencySummary(neighbour.sorted)}` +
        (neighbour.missing > 0 ? `; ${neighbour.missing} not seen within 30 s` : ""),
    );
    await engine.stop({ graceMs: 0 });
    await db.updateTable("hooks").set({ status: "disabled" }).where("status", "=", "active").execute();

    // (h) a fleet: 1,000 hooks, 20 on each of 50 origins (ports), in 100 groups of 10 that each
    // hear one event type: every event goes to 10 hooks on 10 origins. 5 % answer 500, 5 % take
    // 2 s, 1 % answer after 20 s (time out), the rest at once. The k-th sick hook is hook
    // 97 k mod 1,000: spread over the groups and the origins alike.
    const FLEET = 1000;
    const GROUPS = 100;
    const origins = await receiver.listen(50);
    const paths = new Array<string>(FLEET).fill("/hook");
    for (let k = 0; k < 110; k++) {
      paths[(k * 97) % FLEET] = k < 50 ? "/status/500" : k < 100 ? "/delay/2000" : "/delay/20000";
    }
    const fleet = await insertHooks(db, FLEET, {
      target: (i) => `${origins[Math.floor(i / (FLEET / origins.length))]}${paths[i]}`,
      events: (i) => [`bench.fleet.${i % GROUPS}`],
    });
    engine = new DeliveryEngine(opened);
    await engine.start();
    receiver.report(true);
    const sentBefore = engine.stats.sent;
    const fleetRun = await produceEvents(producerDb, SCENARIO_RATE, SCENARIO_SECONDS, (i) => ({
      // Bench-only types, one per group of hooks.
      type: `bench.fleet.${i % GROUPS}` as EventType,
      actor,
      contactId: `ctc_${String(i).padStart(23, "0")}`,
      payload: contactSnapshot(i),
    }));
    const fleetRate = (engine.stats.sent - sentBefore) / fleetRun.seconds;
    const healthyOfGroup = Array.from({ length: GROUPS }, (_, group) =>
      fleet.filter((_, i) => i % GROUPS === group && paths[i] === "/hook"),
    );
    const expectedHealthy = fleetRun.commits.flatMap((c) =>
      (healthyOfGroup[c.i % GROUPS] ?? []).map((hookId) => ({ key: `${c.id} ${hookId}`, committed: c.at })),
    );
    const fleetHealthy = await receiptLatencies(receiver.receipts, expectedHealthy);
    receiver.report(false);
    out(
      `(h) fleet: 1,000 hooks over 50 origins, 10 per event (5 % answer 500, 5 % take 2 s, 1 % time out), ` +
        `${fmt(fleetRun.commits.length / fleetRun.seconds)} events/s for ${SCENARIO_SECONDS} s: healthy hooks' ` +
        `${latencySummary(fleetHealthy.sorted)}; ${fmt(fleetRate)} deliveries/s` +
        (fleetHealthy.missing > 0 ? `; ${fleetHealthy.missing} not seen within 30 s` : ""),
    );
    await engine.stop({ graceMs: 0 });
    engine = undefined;
  } finally {
    await engine?.stop().catch(() => {});
    receiver.child.send({ type: "exit" });
    clearInterval(rssTimer);
    await cleanup();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
