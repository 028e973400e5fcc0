// The receiving guide's code, run: its Node (standardwebhooks) and plain-Python receivers as real
// processes on loopback, taking real deliveries from the engine in both formats — during a secret
// rotation too — and refusing forged, tampered and stale ones; its node:crypto check on real bodies.
// (Its Python standardwebhooks snippet needs PyPI's package, which this test does not install.)
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { createServer, Socket } from "node:net";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { overrideConfig } from "@/server/config/config";
import { exampleMessage } from "@/server/delivery/delivery.examples";
import { buildBody, buildHeaders } from "@/server/delivery/delivery.payload";
import { createTestContact, insertHook, newSecret, waitFor } from "@/server/delivery/delivery.test-support";
import { DeliveryEngine } from "@/server/delivery/engine/delivery.engine";
import { verifyIntent } from "@/server/hooks/intent-verification";
import { randomBase62 } from "@/server/lib/ids";
import { createTestDatabase, type TestDatabase } from "@/server/testing/test-database";
import { NODE_HMAC, NODE_RECEIVER, PYTHON_RECEIVER } from "./snippets";

// Inside the project, so the Node receiver's `import "standardwebhooks"` resolves as npm would.
const workDir = path.resolve(
  import.meta.dirname,
  "../../../../node_modules/.cache",
  `guide-${randomBase62(8)}`,
);
let database: TestDatabase;
let engine: DeliveryEngine;
const processes: ChildProcess[] = [];

overrideConfig({ HOOKLINE_ALLOWED_TARGETS: "127.0.0.0/8" });

beforeAll(async () => {
  mkdirSync(workDir, { recursive: true });
  database = await createTestDatabase();
  engine = new DeliveryEngine(database, { pollMs: 50, leaseMs: 5_000, timeoutMs: 2_000 });
  await engine.start();
});
afterAll(async () => {
  for (const child of processes) child.kill();
  await engine?.stop();
  await database?.close();
  rmSync(workDir, { recursive: true, force: true });
});

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = new Socket();
    socket.once("connect", () => resolve(socket.destroy() && true));
    socket.once("error", () => resolve(false));
    socket.connect(port, "127.0.0.1");
  });
}

/** Starts a receiver the way the guide says to, and resolves once it accepts connections. */
async function startReceiver(command: string, file: string, secret: string) {
  const port = await freePort();
  const child = spawn(command, [file], {
    cwd: workDir,
    env: { ...process.env, HOOKLINE_SECRET: secret, PORT: String(port) },
    stdio: ["ignore", "pipe", "pipe"],
  });
  processes.push(child);
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => {
    output += chunk.toString("utf8");
  });
  child.stderr?.on("data", () => {});
  await waitFor(() => listening(port), 15_000, `${file} to listen`);
  return { url: `http://127.0.0.1:${port}/hook`, output: () => output };
}

async function finalStatus(hookId: string) {
  return waitFor(
    async () => {
      const row = await database.db
        .selectFrom("deliveries")
        .select(["status", "last_status_code"])
        .where("hook_id", "=", hookId)
        .executeTakeFirst();
      return row?.last_status_code ? row : undefined;
    },
    15_000,
    `a delivery to ${hookId}`,
  );
}

/** A request signed as Hookline signs one, for the forged, tampered and stale cases. */
function signedRequest(secret: string, at = new Date()) {
  const message = exampleMessage("contact.created", "fat");
  message.hook = { ...message.hook, secret };
  const body = buildBody(message);
  return { body, headers: buildHeaders(message, body, at) };
}

async function post(url: string, request: { headers: Record<string, string>; body: string }) {
  return (await fetch(url, { method: "POST", headers: request.headers, body: request.body })).status;
}

describe.each([
  ["Node, with the standardwebhooks package", "receiver.mjs", NODE_RECEIVER, process.execPath],
  ["Python, with the standard library alone", "receiver.py", PYTHON_RECEIVER, "python3"],
])("the guide's receiver: %s", (_name, file, source, command) => {
  const secret = newSecret();
  let receiver: Awaited<ReturnType<typeof startReceiver>>;

  beforeAll(async () => {
    writeFileSync(path.join(workDir, file), source);
    receiver = await startReceiver(command, file, secret);
  });

  it("answers the handshake by echoing X-Hook-Secret: the hook is active at once", async () => {
    const outcome = await verifyIntent({ hookId: "hook_guide", target: receiver.url, events: ["*"], secret });
    expect(outcome).toBe("active");
  });

  it("verifies real deliveries in both formats, and during a rotation with the old secret", async () => {
    const json = await insertHook(database.db, { target: receiver.url, secret, events: ["contact.created"] });
    const form = await insertHook(database.db, {
      target: receiver.url,
      secret,
      events: ["contact.created"],
      format: "activecampaign",
    });
    // Rotated: the receiver still holds the previous secret, which signs for 24 hours.
    const rotated = await insertHook(database.db, {
      target: receiver.url,
      secret: newSecret(),
      previousSecret: secret,
      events: ["contact.created"],
    });
    const contact = await createTestContact(database.db);
    for (const hook of [json, form, rotated]) {
      expect(await finalStatus(hook.id)).toEqual({ status: "delivered", last_status_code: 200 });
    }
    await waitFor(async () => receiver.output().includes(contact.email), 5_000, "the receiver's log");
  });

  it("refuses a wrong secret, a tampered body and a stale timestamp with 401", async () => {
    expect(await post(receiver.url, signedRequest(secret))).toBe(200);
    expect(await post(receiver.url, signedRequest(newSecret()))).toBe(401);
    const tampered = signedRequest(secret);
    expect(await post(receiver.url, { ...tampered, body: tampered.body.replace("ada@", "eve@") })).toBe(401);
    expect(await post(receiver.url, signedRequest(secret, new Date(Date.now() - 10 * 60_000)))).toBe(401);
  });
});

describe("the guide's node:crypto check of x-hook-signature", () => {
  it("accepts real signatures (either secret during a rotation) and nothing else", () => {
    const secret = newSecret();
    const previous = newSecret();
    const message = exampleMessage("contact.tag_added", "activecampaign");
    message.hook = {
      ...message.hook,
      secret,
      previousSecret: previous,
      previousSecretExpiresAt: new Date(Date.now() + 60_000),
    };
    const body = buildBody(message);
    const header = buildHeaders(message, body, new Date())["x-hook-signature"] as string;
    const cases = [
      [secret, header, body],
      [previous, header, body],
      [newSecret(), header, body],
      [secret, header, `${body}&x=1`],
    ];
    const harness = `\nconsole.log(JSON.stringify(${JSON.stringify(cases)}.map(([s, h, b]) => verifyHookSignature(s, h, b))));`;
    const output = execFileSync(process.execPath, ["--input-type=module", "-e", NODE_HMAC + harness], {
      encoding: "utf8",
    });
    expect(JSON.parse(output)).toEqual([true, true, false, false]);
  });
});
