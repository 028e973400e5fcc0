// Test support for the delivery engine: real loopback receivers and hooks/events written the way
// the services write them.
import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import path from "node:path";
import { sql } from "kysely";
import { Webhook } from "standardwebhooks";
import type { Db } from "@/db";
import type { DeliveryStatus } from "@/db/schema";
import { createContact } from "@/server/contacts/contact.service";
import type { Actor } from "@/server/events/actor";
import { newId, randomBase62 } from "@/server/lib/ids";
import {
  type LoopbackReceiver,
  type ReceivedRequest as LoopbackRequest,
  type Respond,
  startLoopbackReceiver,
} from "@/server/testing/loopback-receiver";
import { createTestDatabase } from "@/server/testing/test-database";
import { contactCreateInput } from "@/shared/contact.schema";
import type { ClaimedDelivery } from "./engine/claimed-delivery";
import { DeliveryEngine } from "./engine/delivery.engine";
import type { EngineConfig } from "./engine/engine.config";
import { fanOutAndClaim } from "./engine/fan-out.queries";
import type { AttemptResult } from "./engine/result.queries";
import { bodySignature, secretKey } from "./signing";

/** A delivery as the receiver got it: `json` is the parsed body (empty for a form body, format activecampaign). */
export type ReceivedRequest = LoopbackRequest<{
  id: string;
  type: string;
  sequence: number;
  data: Record<string, unknown>;
  [key: string]: unknown;
}>;
export type Responder = Respond<ReceivedRequest["json"]>;
export type Receiver = LoopbackReceiver<ReceivedRequest["json"]>;

/** The loopback receiver, parsing deliveries' JSON bodies; a form body (activecampaign) leaves `json` empty: read `body`. */
export function startReceiver(
  respond: Responder = (_, res) => {
    res.end("ok");
  },
): Promise<Receiver> {
  return startLoopbackReceiver({ respond, parse: parseJson });
}

function parseJson(body: string): ReceivedRequest["json"] {
  try {
    return JSON.parse(body);
  } catch {
    return {} as ReceivedRequest["json"];
  }
}

export function newSecret(): string {
  return `whsec_${Buffer.from(crypto.getRandomValues(new Uint8Array(32))).toString("base64")}`;
}

export interface TestHook {
  id: string;
  secret: string;
}

export async function insertHook(
  db: Db,
  values: {
    target: string;
    events?: string[];
    payload?: "fat" | "skinny";
    format?: "json" | "activecampaign";
    ordered?: boolean;
    onGone?: "delete" | "disable";
    apiKeyId?: string | null;
    secret?: string;
    previousSecret?: string | null;
    sources?: Array<"admin" | "api" | "public" | "system">;
  },
): Promise<TestHook> {
  const id = newId("hook");
  const secret = values.secret ?? newSecret();
  await db
    .insertInto("hooks")
    .values({
      id,
      target_url: values.target,
      events: values.events ?? ["*"],
      payload: values.payload ?? "fat",
      format: values.format ?? "json",
      ordered: values.ordered ?? false,
      on_gone: values.onGone ?? "delete",
      status: "active",
      api_key_id: values.apiKeyId ?? null,
      secret,
      previous_secret: values.previousSecret ?? null,
      previous_secret_expires_at: values.previousSecret ? new Date(Date.now() + 24 * 3600 * 1000) : null,
      ...(values.sources ? { sources: values.sources } : {}),
      // A second back, so events recorded right after always postdate the hook.
      created_at: sql<Date>`now() - interval '1 second'`,
    })
    .execute();
  return { id, secret };
}

const admin: Actor = { source: "admin", userId: "usr_test", email: "admin@example.com" };

/** Creates a contact through the contacts service: one contact.created event, committed. */
export async function createTestContact(
  db: Db,
  email = `c${newId("ctc").slice(-10).toLowerCase()}@example.com`,
) {
  return createContact(db, {
    actor: admin,
    input: contactCreateInput.parse({ email, first_name: "Ada", last_name: "Lovelace", tags: ["vip"] }),
  });
}

/**
 * A delivery of `hookId` the engine has finished with (failed, cancelled, delivered) some seconds
 * ago, of a contact's event: what "redeliver" and "recover" act on.
 */
export async function insertFinishedDelivery(
  db: Db,
  options: { hookId: string; status: DeliveryStatus; sequence: number; finishedSecondsAgo?: number },
): Promise<string> {
  const contact = await createTestContact(db);
  const event = await db
    .selectFrom("events")
    .select("id")
    .where("contact_id", "=", contact.id)
    .executeTakeFirstOrThrow();
  const id = newId("msg");
  await db
    .insertInto("deliveries")
    .values({
      id,
      hook_id: options.hookId,
      event_id: event.id,
      sequence: options.sequence,
      status: options.status,
      next_attempt_at: null,
      last_status_code: options.status === "cancelled" ? null : 500,
      finished_at: sql<Date>`now() - make_interval(secs => ${options.finishedSecondsAgo ?? 0})`,
    })
    .execute();
  return id;
}

/**
 * Checks both signatures the way a receiver holding `secret` would; throws when either is wrong.
 * x-hook-signature is a comma-separated list during a rotation: any entry may match.
 */
export function verifyRequest(request: ReceivedRequest, secret: string): void {
  // jsonParse off: the library would parse the body as JSON after verifying, and a form body is not.
  new Webhook(secret).verify(request.body, request.headers, { jsonParse: false });
  const expected = bodySignature(secretKey(secret), request.body);
  const given = (request.headers["x-hook-signature"] ?? "").split(",").map((entry) => entry.trim());
  if (!given.includes(expected)) throw new Error("x-hook-signature does not match");
}

export async function waitFor<T>(
  check: () => Promise<T | undefined | null | false>,
  timeoutMs = 15_000,
  what = "condition",
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

export interface WorkerProcess {
  child: ChildProcess;
  /** Everything it printed so far. */
  output: () => string;
  /** Resolves once it says it is delivering. */
  ready: () => Promise<void>;
  /** Its exit code and signal, once it has exited. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** SIGKILL, and wait for it to be gone. */
  kill: () => Promise<void>;
}

const ROOT = path.resolve(import.meta.dirname, "../..");

/** `npm run worker` as a real process (`node --import tsx`: one process, so SIGKILL kills the sender). */
export function startWorkerProcess(databaseUrl: string, env: Record<string, string> = {}): WorkerProcess {
  const child = spawn(
    process.execPath,
    ["--import", "tsx", "--import", "./server/runtime/server-only.mjs", "server/worker.ts"],
    {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: databaseUrl, HOOKLINE_ALLOWED_TARGETS: "127.0.0.0/8", ...env },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  let output = "";
  child.stdout?.on("data", (chunk) => {
    output += chunk;
  });
  child.stderr?.on("data", (chunk) => {
    output += chunk;
  });
  const exited = once(child, "exit").then(([code, signal]) => ({
    code: code as number | null,
    signal: signal as NodeJS.Signals | null,
  }));
  return {
    child,
    output: () => output,
    exited,
    ready: () =>
      waitFor(async () => output.includes(`"msg":"delivering"`) || undefined, 20_000, "worker start").then(
        () => {},
      ),
    kill: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
      await exited;
    },
  };
}

/** A 200 answer to a leased delivery, as the engine would write it. */
export function deliveredResult(delivery: ClaimedDelivery, leaseId = delivery.leaseId): AttemptResult {
  const startedAt = new Date();
  return {
    deliveryId: delivery.id,
    hookId: delivery.hookId,
    leaseId,
    status: "delivered",
    retryStep: 0,
    nextAttemptAt: null,
    gone: false,
    startedAt,
    finishedAt: new Date(startedAt.getTime() + 3),
    durationMs: 3,
    statusCode: 200,
    error: null,
    requestHeaders: { "webhook-id": delivery.id },
    requestBody: "{}",
    requestDataFromEvent: false,
    responseHeaders: { "content-length": "2" },
    responseBody: "ok",
    exhaustedEventId: null,
  };
}

/**
 * `count` new deliveries of one new hook on `type`, leased by the fan-out that makes them (for
 * `leaseMs`), as the engine would hold them.
 */
export async function leaseNewDeliveries(
  db: Db,
  count: number,
  options: { type: string; leaseMs?: number },
): Promise<ClaimedDelivery[]> {
  await insertHook(db, { target: "http://127.0.0.1:9/leased", events: [options.type] });
  await db
    .insertInto("events")
    .values(
      Array.from({ length: count }, () => ({
        id: newId("evt"),
        type: options.type,
        source: "admin" as const,
        actor: "t",
        payload: "{}",
      })),
    )
    .execute();
  const { claimed } = await fanOutAndClaim(db, count, {
    limit: count,
    leaseId: randomBase62(16),
    leaseMs: options.leaseMs ?? 60_000,
    perHook: count,
  });
  if (claimed.length !== count) throw new Error(`leased ${claimed.length} of ${count} new deliveries`);
  return claimed;
}

/** Answers every request 500: a receiver that is down. */
export const answer500: Responder = (_, res) => {
  res.statusCode = 500;
  res.end("down");
};

/**
 * A test file's world: its own database and a running engine on it (short timeouts, quick polls),
 * and receivers made through it; `close` stops and closes them all.
 */
export async function startEngineBed(config: Partial<EngineConfig> = {}) {
  const database = await createTestDatabase();
  const engine = new DeliveryEngine(database, {
    pollMs: 50,
    leaseMs: 5_000,
    timeoutMs: 1_000,
    perHook: 8,
    ...config,
  });
  await engine.start();
  const receivers: Receiver[] = [];
  return {
    database,
    engine,
    async receiver(respond?: Responder): Promise<Receiver> {
      const started = await startReceiver(respond);
      receivers.push(started);
      return started;
    },
    async close(): Promise<void> {
      await engine.stop();
      await Promise.all(receivers.map((r) => r.close()));
      await database.close();
    },
  };
}

/**
 * A gate a receiver's answers wait behind until the test opens it: "sent while the slow receiver
 * still held its requests" then needs no wall-clock bound, which a loaded machine overruns.
 */
export function answerGate(): { passed: Promise<void>; open: () => void; respond: Responder } {
  let open = () => {};
  const passed = new Promise<void>((resolve) => {
    open = resolve;
  });
  /** Answers every request once the gate opens. */
  const respond: Responder = async (_req, res) => {
    await passed;
    res.end();
  };
  return { passed, open, respond };
}
