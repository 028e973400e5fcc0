// Crash safety with real processes: standalone workers (server/worker.ts) against this file's own
// PostgreSQL database, killed, doubled up, and cut off from the database mid-run.
import { once } from "node:events";
import { sql } from "kysely";
import pg from "pg";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/server/testing/test-database";
import {
  createTestContact,
  insertHook,
  type Receiver,
  startReceiver,
  startWorkerProcess,
  verifyRequest,
  type WorkerProcess,
  waitFor,
} from "./delivery.test-support";

const onPostgres = Boolean(process.env.DATABASE_URL);

let database: TestDatabase;
const workers = new Set<WorkerProcess>();
const receivers: Receiver[] = [];

function startWorker(extraEnv: Record<string, string> = {}): WorkerProcess {
  const worker = startWorkerProcess(database.location, {
    HOOKLINE_LEASE_SECONDS: "2",
    HOOKLINE_DELIVERY_TIMEOUT_MS: "1000",
    HOOKLINE_POLL_MS: "100",
    HOOKLINE_RETRY_SCHEDULE: "0.2,0.2,0.2,0.2,0.2",
    ...extraEnv,
  });
  workers.add(worker);
  worker.child.on("exit", () => workers.delete(worker));
  return worker;
}

async function receiver(...args: Parameters<typeof startReceiver>): Promise<Receiver> {
  const started = await startReceiver(...args);
  receivers.push(started);
  return started;
}

describe.skipIf(!onPostgres)(
  "standalone workers (skipped on PGlite: it is a single-process database, so several worker processes cannot share it; set DATABASE_URL)",
  () => {
    beforeAll(async () => {
      database = await createTestDatabase();
    });
    afterEach(async () => {
      await Promise.all([...workers].map((worker) => worker.kill()));
    });
    afterAll(async () => {
      await Promise.all(receivers.map((r) => r.close()));
      await database?.close();
    });

    it("finishes a delivery whose worker was SIGKILLed mid-send, once the lease runs out", {
      timeout: 60_000,
    }, async () => {
      let release: (() => void) | undefined;
      const target = await receiver(async (_req, res, index) => {
        if (index === 0) {
          // Hold the first attempt open: its worker dies while waiting for this answer.
          await new Promise<void>((resolve) => {
            release = resolve;
          });
          res.destroy();
          return;
        }
        res.end("ok");
      });
      const hook = await insertHook(database.db, { target: target.url, events: ["contact.created"] });
      const first = startWorker({ HOOKLINE_DELIVERY_TIMEOUT_MS: "30000", HOOKLINE_LEASE_SECONDS: "2" });
      await first.ready();
      await createTestContact(database.db);
      await target.waitForCount(1, 10_000);
      await first.kill();
      release?.();

      const second = startWorker();
      await second.ready();
      await target.waitForCount(2, 15_000);
      const [a, b] = target.requests;
      expect(b?.headers["webhook-id"]).toBe(a?.headers["webhook-id"]);
      verifyRequest(b as never, hook.secret);
      const row = await waitFor(async () => {
        const d = await database.db
          .selectFrom("deliveries")
          .selectAll()
          .where("hook_id", "=", hook.id)
          .executeTakeFirstOrThrow();
        return d.status === "delivered" ? d : undefined;
      });
      // The killed worker's attempt left no record; the one that succeeded did.
      expect(row.attempt_count).toBe(1);
      expect(target.requests).toHaveLength(2);
    });

    it("on SIGTERM, hands a send the receiver never answers back within HOOKLINE_SHUTDOWN_SECONDS, uncounted", {
      timeout: 60_000,
    }, async () => {
      const SHUTDOWN_SECONDS = 3;
      const target = await receiver(async (_req, res, index) => {
        if (index > 0) return void res.end("ok");
        // The first attempt never gets an answer: only the worker's shutdown can end it.
        await once(res, "close");
      });
      const hook = await insertHook(database.db, { target: target.url, events: ["contact.created"] });
      // A long lease: the delivery can only go out again soon if the stop handed it back.
      const settings = { HOOKLINE_DELIVERY_TIMEOUT_MS: "30000", HOOKLINE_LEASE_SECONDS: "30" };
      const first = startWorker({ ...settings, HOOKLINE_SHUTDOWN_SECONDS: String(SHUTDOWN_SECONDS) });
      await first.ready();
      await createTestContact(database.db);
      await target.waitForCount(1, 10_000);

      const signalledAt = Date.now();
      first.child.kill("SIGTERM");
      expect(await first.exited).toEqual({ code: 0, signal: null });
      expect(Date.now() - signalledAt).toBeLessThan(SHUTDOWN_SECONDS * 1000);

      const delivery = await database.db
        .selectFrom("deliveries")
        .selectAll()
        .where("hook_id", "=", hook.id)
        .executeTakeFirstOrThrow();
      // Back to pending and due, with nothing held against the receiver.
      expect(delivery).toMatchObject({
        status: "pending",
        attempt_count: 0,
        retry_step: 0,
        lease_id: null,
        last_status_code: null,
        last_error: null,
      });
      expect((delivery.next_attempt_at as Date).getTime()).toBeLessThanOrEqual(Date.now());
      const attempts = await database.db
        .selectFrom("delivery_attempts")
        .select(sql<number>`count(*)::int`.as("n"))
        .where("delivery_id", "=", delivery.id)
        .executeTakeFirstOrThrow();
      expect(attempts.n).toBe(0);
      const hookRow = await database.db
        .selectFrom("hooks")
        .select(["consecutive_failures", "failing_since", "failed_count"])
        .where("id", "=", hook.id)
        .executeTakeFirstOrThrow();
      expect(hookRow).toEqual({ consecutive_failures: 0, failing_since: null, failed_count: 0 });

      const second = startWorker(settings);
      await second.ready();
      const [cut, resent] = await target.waitForCount(2, 10_000);
      expect(resent?.headers["webhook-id"]).toBe(cut?.headers["webhook-id"]);
      verifyRequest(resent as never, hook.secret);
      const delivered = await waitFor(async () => {
        const row = await database.db
          .selectFrom("deliveries")
          .select(["status", "attempt_count"])
          .where("id", "=", delivery.id)
          .executeTakeFirstOrThrow();
        return row.status === "delivered" ? row : undefined;
      });
      expect(delivered.attempt_count).toBe(1);
    });

    it("two workers deliver every event exactly once per hook in a clean run, ordered hooks in order", {
      timeout: 120_000,
    }, async () => {
      const plain = await receiver();
      const ordered = await receiver();
      const plainHook = await insertHook(database.db, { target: plain.url, events: ["contact.tag_added"] });
      const orderedHook = await insertHook(database.db, {
        target: ordered.url,
        events: ["contact.tag_added"],
        ordered: true,
      });
      const a = startWorker({ HOOKLINE_LEASE_SECONDS: "30" });
      const b = startWorker({ HOOKLINE_LEASE_SECONDS: "30" });
      await Promise.all([a.ready(), b.ready()]);
      const contact = await createTestContact(database.db);
      const EVENTS = 120;
      // Committed in several transactions while both workers run.
      for (let wave = 0; wave < 6; wave++) {
        await sql`
          insert into events (id, type, source, actor, contact_id, payload)
          select 'evt_w' || ${wave}::text || lpad(g::text, 5, '0'), 'contact.tag_added', 'system', 'test',
                 ${contact.id}, '{}'::jsonb
          from generate_series(1, ${EVENTS / 6}) g
        `.execute(database.db);
        await sql`select pg_notify('hookline_events', '')`.execute(database.db);
        await new Promise((resolve) => setTimeout(resolve, 30));
      }
      await plain.waitForCount(EVENTS, 60_000);
      await ordered.waitForCount(EVENTS, 60_000);
      await new Promise((resolve) => setTimeout(resolve, 500));
      for (const [target, hook] of [
        [plain, plainHook],
        [ordered, orderedHook],
      ] as const) {
        expect(target.requests).toHaveLength(EVENTS);
        expect(new Set(target.requests.map((r) => r.headers["webhook-id"])).size).toBe(EVENTS);
        expect(new Set(target.requests.map((r) => r.json.id)).size).toBe(EVENTS);
        for (const request of target.requests) verifyRequest(request, hook.secret);
      }
      expect(ordered.requests.map((r) => r.json.sequence)).toEqual(
        Array.from({ length: EVENTS }, (_, i) => i + 1),
      );
      const states = await waitFor(async () => {
        const rows = await database.db
          .selectFrom("deliveries")
          .select(["status", "attempt_count", sql<number>`count(*)::int`.as("n")])
          .where("hook_id", "in", [plainHook.id, orderedHook.id])
          .groupBy(["status", "attempt_count"])
          .execute();
        return rows.length === 1 && rows[0]?.n === 2 * EVENTS ? rows : undefined;
      });
      expect(states).toEqual([{ status: "delivered", attempt_count: 1, n: 2 * EVENTS }]);
    });

    it("recovers by itself when every database connection is killed mid-run", {
      timeout: 60_000,
    }, async () => {
      const target = await receiver();
      const hook = await insertHook(database.db, { target: target.url, events: ["contact.tag_added"] });
      const worker = startWorker({ HOOKLINE_LEASE_SECONDS: "3" });
      await worker.ready();
      const contact = await createTestContact(database.db);
      const insertWave = async (wave: number) => {
        await sql`
          insert into events (id, type, source, actor, contact_id, payload)
          select 'evt_k' || ${wave}::text || lpad(g::text, 5, '0'), 'contact.tag_added', 'system', 'test',
                 ${contact.id}, '{}'::jsonb
          from generate_series(1, 200) g
        `.execute(database.db);
        await sql`select pg_notify('hookline_events', '')`.execute(database.db);
      };
      await insertWave(1);
      await target.waitForCount(20, 10_000);
      // Kill every backend of this test's database — never the shared server — from outside it.
      const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
      await admin.connect();
      const dbName = new URL(database.location).pathname.slice(1);
      const killed = await admin.query(
        "select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()",
        [dbName],
      );
      await admin.end();
      expect(killed.rowCount).toBeGreaterThan(0);
      // The test's own pool lost its connections too; the next query gets a fresh one.
      await waitFor(async () => {
        try {
          await insertWave(2);
          return true;
        } catch {
          return undefined;
        }
      });
      const expected = 400;
      await waitFor(
        async () => {
          const row = await database.db
            .selectFrom("deliveries")
            .select(sql<number>`count(*)::int`.as("n"))
            .where("hook_id", "=", hook.id)
            .where("status", "=", "delivered")
            .executeTakeFirstOrThrow();
          return row.n === expected ? true : undefined;
        },
        30_000,
        "every delivery delivered after the connections were killed",
      ).catch((error: unknown) => {
        console.log(worker.output());
        throw error;
      });
      // At-least-once: a send whose result write was cut off may go out twice; none is missing.
      const ids = new Set(target.requests.map((r) => r.json.id));
      expect(ids.size).toBe(expected);
      expect(worker.child.exitCode).toBeNull();
    });
  },
);
