// GET /api/metrics through the real route handler, against a real database whose deliveries a real
// engine sent to a loopback receiver: who may read it, and what the numbers say.
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET } from "@/app/api/metrics/route";
import { overrideConfig } from "@/server/config/config";
import { useDatabase } from "@/server/database";
import {
  createTestContact,
  insertHook,
  type Receiver,
  startReceiver,
} from "@/server/delivery/delivery.test-support";
import { DeliveryEngine } from "@/server/delivery/engine/delivery.engine";
import { createTestDatabase, type TestDatabase } from "@/server/testing/test-database";

const TOKEN = "metrics-token-for-tests";

let database: TestDatabase;
let receiver: Receiver;

overrideConfig({
  HOOKLINE_ALLOWED_TARGETS: "127.0.0.0/8",
  // A failed attempt is retried a minute later: it stays pending, not due, while the test looks.
  HOOKLINE_RETRY_SCHEDULE: "60",
  HOOKLINE_METRICS_TOKEN: TOKEN,
});

beforeAll(async () => {
  database = await createTestDatabase();
  useDatabase(database);
  receiver = await startReceiver((_request, response) => {
    response.statusCode = response.req.url?.endsWith("/fail") ? 500 : 200;
    response.end();
  });
});
afterAll(async () => {
  await receiver?.close();
  await database?.close();
});

async function scrape(authorization?: string): Promise<Response> {
  const headers: Record<string, string> = authorization ? { authorization } : {};
  return GET(new Request("http://hookline.test/api/metrics", { headers }));
}

/** The value of one sample in Prometheus's text format; undefined when it is not there. */
function sample(text: string, name: string, labels = ""): number | undefined {
  const line = text.split("\n").find((row) => row.startsWith(`${name}${labels} `));
  return line === undefined ? undefined : Number(line.slice(line.lastIndexOf(" ") + 1));
}

describe("GET /api/metrics", () => {
  it("is off (404, saying how to turn it on) while HOOKLINE_METRICS_TOKEN is unset", async () => {
    const restore = overrideConfig({ HOOKLINE_METRICS_TOKEN: "" });
    try {
      const response = await scrape(`Bearer ${TOKEN}`);
      expect(response.status).toBe(404);
      expect(await response.json()).toEqual({
        error: { code: "not_found", message: expect.stringContaining("HOOKLINE_METRICS_TOKEN") },
      });
    } finally {
      restore();
    }
  });

  it("asks for the token (401) without it or with a wrong one", async () => {
    for (const authorization of [undefined, `Bearer ${TOKEN}x`, `Bearer ${TOKEN.slice(1)}`, TOKEN]) {
      const response = await scrape(authorization);
      expect(response.status, String(authorization)).toBe(401);
      expect(response.headers.get("www-authenticate")).toMatch(/^Bearer/);
      expect((await response.json()).error.code).toBe("unauthorized");
    }
  });

  it("counts deliveries by outcome and their latency, and reads the queue from the database", async () => {
    await insertHook(database.db, { target: `${receiver.url}/ok`, events: ["contact.created"] });
    const failing = await insertHook(database.db, {
      target: `${receiver.url}/fail`,
      events: ["contact.created"],
    });
    // Hooks older than the events below, which are back-dated: only events after a hook's creation reach it.
    await sql`update hooks set created_at = now() - interval '1 minute'`.execute(database.db);
    await createTestContact(database.db);
    await createTestContact(database.db);
    // Waiting for fan-out for half a minute, as far as the gauge can tell.
    await sql`update events set created_at = now() - interval '30 seconds' where fanout_pending`.execute(
      database.db,
    );

    let response = await scrape(`Bearer ${TOKEN}`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
    let text = await response.text();
    expect(sample(text, "hookline_fan_out_lag_seconds")).toBeGreaterThanOrEqual(30);
    expect(sample(text, "hookline_deliveries_total", '{outcome="delivered"}')).toBe(0);
    expect(text).toContain("# TYPE hookline_attempt_duration_seconds histogram");
    expect(text).toContain("process_cpu_seconds_total");

    const engine = new DeliveryEngine(database, { leaseMs: 5_000, timeoutMs: 2_000 });
    try {
      expect(await engine.runOnce()).toMatchObject({ fannedOut: 2, sent: 4, recorded: 4 });
    } finally {
      await engine.close();
    }
    expect(receiver.requests).toHaveLength(4);

    text = await (await scrape(`Bearer ${TOKEN}`)).text();
    expect(sample(text, "hookline_deliveries_total", '{outcome="delivered"}')).toBe(2);
    expect(sample(text, "hookline_deliveries_total", '{outcome="retrying"}')).toBe(2);
    expect(sample(text, "hookline_deliveries_total", '{outcome="failed"}')).toBe(0);
    expect(sample(text, "hookline_attempt_duration_seconds_count", '{outcome="delivered"}')).toBe(2);
    expect(sample(text, "hookline_attempt_duration_seconds_bucket", '{le="+Inf",outcome="retrying"}')).toBe(
      2,
    );
    expect(sample(text, "hookline_fan_out_lag_seconds")).toBe(0);
    expect(sample(text, "hookline_deliveries_due")).toBe(0);
    expect(sample(text, "hookline_deliveries_in_flight")).toBe(0);
    expect(sample(text, "hookline_oldest_due_age_seconds")).toBe(0);
    expect(sample(text, "hookline_hooks_failing")).toBe(1);
    expect(sample(text, "hookline_retention_days")).toBe(30);
    expect(sample(text, "hookline_retention_oldest_event_age_seconds")).toBeGreaterThanOrEqual(30);

    // The failing hook's retries come due (45 s ago), and one of them is leased by a worker.
    await sql`update deliveries set next_attempt_at = now() - interval '45 seconds'
              where hook_id = ${failing.id} and status = 'pending'`.execute(database.db);
    await sql`update deliveries set lease_id = 'lease', next_attempt_at = now() + interval '10 seconds',
                                    lease_expires_at = now() + interval '10 seconds'
              where id = (select min(id) from deliveries where hook_id = ${failing.id})`.execute(database.db);
    response = await scrape(`Bearer ${TOKEN}`);
    text = await response.text();
    expect(sample(text, "hookline_deliveries_due")).toBe(1);
    expect(sample(text, "hookline_deliveries_in_flight")).toBe(1);
    expect(sample(text, "hookline_oldest_due_age_seconds")).toBeGreaterThanOrEqual(45);
  });
});
