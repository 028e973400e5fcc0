// Zapier's own platform runtime (zapier-platform-core's app tester) drives the receiving guide's
// REST Hook trigger against the running app: subscribe (handshake, then activate), perform on real
// deliveries with their signatures checked, performList, a 410 from the catch URL deleting the
// hook, and unsubscribe. The catch URL is a loopback server that hands each request to perform the
// way Zapier does; nothing may connect anywhere but loopback.
import diagnostics from "node:diagnostics_channel";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import type net from "node:net";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { ZAPIER_TRIGGER } from "@/app/docs/webhooks/_content/snippets";
import { startLoopbackReceiver } from "@/server/testing/loopback-receiver";

const require = createRequire(import.meta.url);
// The runtime prints a line of memory figures per invocation unless it believes it runs under a
// test framework, which it decides once, from NODE_ENV, when it loads.
// (Next.js types NODE_ENV as read-only; here it is a plain variable of this test process.)
const env = process.env as Record<string, string | undefined>;
const nodeEnv = env.NODE_ENV;
env.NODE_ENV = "test";
const zapier = require("zapier-platform-core") as {
  version: string;
  createAppTester: (app: unknown) => (method: unknown, bundle: unknown) => Promise<unknown>;
};
if (nodeEnv === undefined) delete env.NODE_ENV;
else env.NODE_ENV = nodeEnv;

type Bundle = Record<string, unknown>;
interface Trigger {
  operation: Record<"performSubscribe" | "performUnsubscribe" | "perform" | "performList", unknown>;
}

const workDir = path.resolve("node_modules/.cache", `zapier-${process.pid}-${Date.now().toString(36)}`);
const foreignConnections: string[] = [];

/** Every client socket this process opens while the test runs: only loopback may answer. */
function watchConnections(socket: net.Socket): void {
  socket.once("connect", () => {
    const address = socket.remoteAddress ?? "";
    if (!(address.startsWith("127.") || address === "::1" || address === "::ffff:127.0.0.1")) {
      foreignConnections.push(address);
    }
  });
}
const onClientSocket = (message: unknown) => watchConnections((message as { socket: net.Socket }).socket);

test.beforeAll(() => {
  // Zapier's runtime must reach the app on loopback and nothing else (no log server, no RPC).
  diagnostics.subscribe("net.client.socket", onClientSocket);
});
test.afterAll(() => {
  diagnostics.unsubscribe("net.client.socket", onClientSocket);
  rmSync(workDir, { recursive: true, force: true });
});

/** Zapier hands perform a request's headers as "Http-" + Title-Case name. */
function zapierHeaders(headers: Record<string, string>): Record<string, string> {
  const titled: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    const title = name.replace(
      /(^|-)([a-z])/g,
      (_, dash: string, letter: string) => dash + letter.toUpperCase(),
    );
    titled[`Http-${title}`] = String(value);
  }
  return titled;
}

/** A Zap's catch URL: each POST goes to the trigger's perform, as Zapier runs it; 410 once the Zap is off. */
async function startCatchUrl(run: (bundle: Bundle) => Promise<unknown>) {
  const state = {
    zapOff: false,
    subscribeData: undefined as Bundle | undefined,
    results: [] as unknown[],
    errors: [] as string[],
    requests: 0,
  };
  const receiver = await startLoopbackReceiver({
    path: "/hooks/catch/1/abc/",
    respond: async (request, res) => {
      state.requests += 1;
      if (state.zapOff) {
        res.writeHead(410).end();
        return;
      }
      const content = request.body;
      const bundle: Bundle = {
        authData: auth,
        subscribeData: state.subscribeData,
        cleanedRequest: JSON.parse(content),
        rawRequest: {
          method: request.method,
          querystring: "",
          headers: zapierHeaders(request.headers),
          content,
        },
      };
      try {
        state.results.push(...((await run(bundle)) as unknown[]));
      } catch (error) {
        state.errors.push(String(error));
      }
      // hooks.zapier.com answers 200 without echoing X-Hook-Secret.
      res.writeHead(200, { "content-type": "application/json" }).end('{"status":"success"}');
    },
  });
  return { url: receiver.url, state, close: receiver.close };
}

let auth: { base_url: string; api_key: string };

test("Zapier's runtime subscribes, activates, performs on signed deliveries, honours 410, and unsubscribes", async ({
  page,
  request,
  baseURL,
}) => {
  test.setTimeout(90_000);
  await page.goto("/api-keys");
  await page.getByLabel("New key name").fill(`Zapier ${Date.now().toString(36)}`);
  await page.getByRole("button", { name: "Create key" }).click();
  auth = {
    base_url: baseURL as string,
    api_key: ((await page.getByTestId("new-api-key").textContent()) ?? "").trim(),
  };
  const bearer = { Authorization: `Bearer ${auth.api_key}` };

  // The guide's trigger, loaded as the module a Zapier CLI integration would hold.
  mkdirSync(workDir, { recursive: true });
  const file = path.join(workDir, "contact.cjs");
  writeFileSync(file, ZAPIER_TRIGGER);
  const trigger = require(file) as Trigger;
  const App = {
    version: "1.0.0",
    platformVersion: zapier.version,
    authentication: {
      type: "custom",
      fields: [
        { key: "base_url", label: "Hookline URL", required: true },
        { key: "api_key", label: "API key", required: true },
      ],
      test: {
        url: "{{bundle.authData.base_url}}/api/v1/events",
        headers: { Authorization: "Bearer {{bundle.authData.api_key}}" },
      },
    },
    triggers: { contact: trigger },
    // The runtime wraps http.request and fetch process-wide to log outbound calls; here that
    // process is also Playwright's, whose own request client the wrapper breaks. The trigger uses
    // z.request only, which the flag leaves as it is.
    flags: { skipHttpPatch: true },
  };
  const appTester = zapier.createAppTester(App);
  const { operation } = trigger;

  expect(await appTester(App.authentication.test, { authData: auth })).toBeTruthy();
  const zap = await startCatchUrl((bundle) => appTester(operation.perform, bundle));
  try {
    // Subscribe: the handshake reaches the Zap (perform drops it), the hook is activated.
    const subscribed = (await appTester(operation.performSubscribe, {
      authData: auth,
      targetUrl: zap.url,
      inputData: { event: "contact.created" },
    })) as { id: string; secret: string };
    expect(subscribed.id).toMatch(/^hook_/);
    zap.state.subscribeData = subscribed;
    expect(zap.state.requests).toBe(1);
    expect(zap.state.results).toEqual([]);
    const hook = await request.get(`/api/v1/hooks/${subscribed.id}`, { headers: bearer });
    expect(((await hook.json()) as { status: string }).status).toBe("active");

    // A contact change: a real, signed delivery, which perform verifies and turns into an item.
    const email = `zap-${Date.now().toString(36)}@example.com`;
    const contact = await request.post("/api/v1/contacts", {
      headers: bearer,
      data: { email, first_name: "Zed" },
    });
    expect(contact.status()).toBe(201);
    await expect.poll(() => zap.state.results.length, { timeout: 15_000 }).toBe(1);
    expect(zap.state.errors).toEqual([]);
    expect(zap.state.results[0]).toMatchObject({
      id: expect.stringMatching(/^evt_/),
      event: "contact.created",
      source: "api",
      email,
      first_name: "Zed",
      contact_id: ((await contact.json()) as { id: string }).id,
    });

    // A forged copy is refused by perform's signature check.
    const forged = appTester(operation.perform, {
      authData: auth,
      subscribeData: subscribed,
      cleanedRequest: { type: "contact.created", data: { id: "ctc_x" } },
      rawRequest: { headers: { "Http-X-Hook-Signature": "0".repeat(64) }, content: "{}" },
    });
    await expect(forged).rejects.toThrow(/signature does not match/);

    // performList: the sample Zapier shows while the Zap is set up.
    const listed = (await appTester(operation.performList, {
      authData: auth,
      inputData: { event: "contact.created" },
    })) as Array<{ email: string }>;
    expect(listed.map((item) => item.email)).toContain(email);

    // The Zap is turned off: its URL answers 410, and Hookline deletes the hook.
    zap.state.zapOff = true;
    await request.post("/api/v1/contacts", { headers: bearer, data: { email: `off-${email}` } });
    await expect
      .poll(async () => (await request.get(`/api/v1/hooks/${subscribed.id}`, { headers: bearer })).status(), {
        timeout: 15_000,
      })
      .toBe(404);
    // Unsubscribing a hook the 410 removed is done, not an error.
    expect(
      await appTester(operation.performUnsubscribe, { authData: auth, subscribeData: subscribed }),
    ).toEqual({});

    // Subscribe again and unsubscribe: the hook is gone.
    zap.state.zapOff = false;
    const again = (await appTester(operation.performSubscribe, {
      authData: auth,
      targetUrl: zap.url,
      inputData: { event: "contact.updated" },
    })) as { id: string };
    expect(await appTester(operation.performUnsubscribe, { authData: auth, subscribeData: again })).toEqual(
      {},
    );
    expect((await request.get(`/api/v1/hooks/${again.id}`, { headers: bearer })).status()).toBe(404);
  } finally {
    await zap.close();
  }
  expect(foreignConnections).toEqual([]);
});
