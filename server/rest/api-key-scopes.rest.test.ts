// API key scopes over every REST route: each /api/v1 and /api/3 operation in the OpenAPI document,
// called through its real route handler with a key of each single scope and a full-access key.
// A key with the operation's scope (or full access) gets the operation's success status; any other
// gets 403 in the route's own error shape, and the database is left exactly as it was. The
// fixtures of every call are real and the key's own, so a missing check would change something.
import path from "node:path";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiKey } from "@/server/auth/api-key.service";
import { createContact } from "@/server/contacts/contact.service";
import { useDatabase } from "@/server/database";
import { pingHook } from "@/server/delivery/delivery.service";
import type { Actor } from "@/server/events/actor";
import { hookCreateInput } from "@/server/hooks/hook.schema";
import { createHook } from "@/server/hooks/hook.service";
import { AC_OPERATIONS } from "@/server/openapi/activecampaign.operations";
import { API_OPERATIONS, type ApiOperation } from "@/server/openapi/operations";
import {
  echoHookSecret,
  type LoopbackReceiver,
  startLoopbackReceiver,
} from "@/server/testing/loopback-receiver";
import { type CallOptions, callRoute } from "@/server/testing/rest-client";
import { createTestDatabase, type TestDatabase } from "@/server/testing/test-database";
import { API_KEY_SCOPES, type ApiKeyScope } from "@/shared/api-key-scopes";
import { contactCreateInput } from "@/shared/contact.schema";

let database: TestDatabase;
let receiver: LoopbackReceiver;
let base: string;
const allowedTargets = process.env.HOOKLINE_ALLOWED_TARGETS;

type KeyKind = ApiKeyScope | "full access";
const KEY_KINDS: KeyKind[] = [...API_KEY_SCOPES, "full access"];
const keys = new Map<KeyKind, { id: string; name: string; secret: string }>();

beforeAll(async () => {
  process.env.HOOKLINE_ALLOWED_TARGETS = "127.0.0.0/8";
  database = await createTestDatabase();
  useDatabase(database);
  for (const kind of KEY_KINDS) {
    const { apiKey, secret } = await createApiKey(database.db, {
      name: `Key with ${kind}`,
      createdBy: null,
      scopes: kind === "full access" ? null : [kind],
    });
    keys.set(kind, { id: apiKey.id, name: apiKey.name, secret });
  }
  // Confirms every handshake, so POST /api/v1/hooks succeeds when it is allowed.
  receiver = await startLoopbackReceiver({ respond: echoHookSecret });
  base = receiver.origin;
});
afterAll(async () => {
  await receiver.close();
  await database.close();
  if (allowedTargets === undefined) delete process.env.HOOKLINE_ALLOWED_TARGETS;
  else process.env.HOOKLINE_ALLOWED_TARGETS = allowedTargets;
});

interface Fixtures {
  contactId: string;
  hookId: string;
  hookSecret: string;
  deliveryId: string;
}

let serial = 0;
/** A contact with a tag, and a hook of the calling key with one delivery: what every route acts on. */
async function fixturesOf(kind: KeyKind): Promise<Fixtures> {
  const key = keys.get(kind);
  if (!key) throw new Error(`no key for ${kind}`);
  const n = ++serial;
  const admin: Actor = { source: "system", job: "fixtures" };
  const contact = await createContact(database.db, {
    actor: admin,
    input: contactCreateInput.parse({ email: `scoped-${n}@example.com`, tags: ["vip"] }),
  });
  const actor: Actor = { source: "api", apiKeyId: key.id, name: key.name };
  const hook = await createHook(database.db, {
    actor,
    input: hookCreateInput.parse({ target_url: `${base}/fixture/${n}`, event: "contact.created" }),
    acceptance: "none",
  });
  const { delivery_id } = await pingHook(database.db, { actor, hookId: hook.id });
  return { contactId: contact.id, hookId: hook.id, hookSecret: hook.secret, deliveryId: delivery_id };
}

/** A request each operation would succeed with, given its fixtures. */
const REQUESTS: Record<string, (f: Fixtures) => Omit<CallOptions, "method" | "path" | "apiKey">> = {
  "GET /api/v1/contacts": () => ({}),
  "POST /api/v1/contacts": () => ({ body: { email: `new-${++serial}@example.com` } }),
  "GET /api/v1/contacts/{id}": (f) => ({ params: { id: f.contactId } }),
  "PATCH /api/v1/contacts/{id}": (f) => ({ params: { id: f.contactId }, body: { first_name: "Changed" } }),
  "DELETE /api/v1/contacts/{id}": (f) => ({ params: { id: f.contactId } }),
  "POST /api/v1/contacts/{id}/tags": (f) => ({ params: { id: f.contactId }, body: { tag: "added" } }),
  "DELETE /api/v1/contacts/{id}/tags/{tag}": (f) => ({ params: { id: f.contactId, tag: "vip" } }),
  "GET /api/v1/events": () => ({}),
  "POST /api/v1/hooks": () => ({ body: { target_url: `${base}/new/${++serial}`, event: "contact.created" } }),
  "GET /api/v1/hooks": () => ({}),
  "GET /api/v1/hooks/{id}": (f) => ({ params: { id: f.hookId } }),
  "PATCH /api/v1/hooks/{id}": (f) => ({ params: { id: f.hookId }, body: { name: "Renamed" } }),
  "DELETE /api/v1/hooks/{id}": (f) => ({ params: { id: f.hookId } }),
  "POST /api/v1/hooks/{id}/activate": (f) => ({
    params: { id: f.hookId },
    headers: { "x-hook-secret": f.hookSecret },
  }),
  "POST /api/v1/hooks/{id}/rotate-secret": (f) => ({ params: { id: f.hookId } }),
  "POST /api/v1/hooks/{id}/ping": (f) => ({ params: { id: f.hookId } }),
  "POST /api/v1/hooks/{id}/test": (f) => ({ params: { id: f.hookId }, body: { event: "contact.created" } }),
  "GET /api/v1/hooks/{id}/deliveries": (f) => ({ params: { id: f.hookId } }),
  "GET /api/v1/hooks/{id}/deliveries/{delivery_id}": (f) => ({
    params: { id: f.hookId, delivery_id: f.deliveryId },
  }),
  "POST /api/v1/hooks/{id}/deliveries/{delivery_id}/redeliver": (f) => ({
    params: { id: f.hookId, delivery_id: f.deliveryId },
  }),
  "POST /api/v1/hooks/{id}/recover": (f) => ({
    params: { id: f.hookId },
    body: { since: new Date(Date.now() - 3600_000).toISOString() },
  }),
  "POST /api/v1/portal-sessions": () => ({}),
  "GET /api/3/users/me": () => ({}),
  "GET /api/3/fields": () => ({}),
  "GET /api/3/webhook/events": () => ({}),
  "GET /api/3/webhooks": () => ({}),
  "POST /api/3/webhooks": () => ({
    body: { webhook: { name: "AC", url: `${base}/ac/${++serial}`, events: ["subscribe"], sources: ["api"] } },
  }),
  "GET /api/3/webhooks/{id}": (f) => ({ params: { id: f.hookId } }),
  "PUT /api/3/webhooks/{id}": (f) => ({ params: { id: f.hookId }, body: { webhook: { name: "Renamed" } } }),
  "DELETE /api/3/webhooks/{id}": (f) => ({ params: { id: f.hookId } }),
  "GET /api/3/contacts": () => ({}),
  "POST /api/3/contacts": () => ({ body: { contact: { email: `ac-${++serial}@example.com` } } }),
  "POST /api/3/contact/sync": () => ({ body: { contact: { email: `sync-${++serial}@example.com` } } }),
  "GET /api/3/contacts/{id}": (f) => ({ params: { id: f.contactId } }),
  "PUT /api/3/contacts/{id}": (f) => ({
    params: { id: f.contactId },
    body: { contact: { firstName: "Put" } },
  }),
  "DELETE /api/3/contacts/{id}": (f) => ({ params: { id: f.contactId } }),
  "POST /api/3/contactTags": (f) => ({ body: { contactTag: { contact: f.contactId, tag: "added" } } }),
  "DELETE /api/3/contactTags/{id}": (f) => ({ params: { id: `${f.contactId}:vip` } }),
};

const APP_API = path.resolve(import.meta.dirname, "../../app/api");
type Handler = Parameters<typeof callRoute>[0];

/** The exported handler of an operation's route file: `/api/v1/hooks/{id}` → app/api/v1/hooks/[id]/route.ts. */
async function handlerOf(operation: ApiOperation): Promise<Handler> {
  const folder = operation.path.replace(/^\/api\//, "").replace(/\{([^}]+)\}/g, "[$1]");
  const module = (await import(path.join(APP_API, folder, "route.ts"))) as Record<string, Handler>;
  const handler = module[operation.method.toUpperCase()];
  if (!handler) throw new Error(`${operation.method} ${operation.path} has no handler`);
  return handler;
}

/** Everything a REST call can change, as one value (a key's last use aside: using a key is no change). */
async function snapshot(): Promise<string> {
  const tables = ["contacts", "events", "hooks", "hook_deletions", "deliveries", "delivery_attempts"];
  const parts: string[] = [];
  for (const table of tables) {
    const { rows } = await sql<{ digest: string }>`
      select coalesce(md5(string_agg(t::text, '|' order by t::text)), '') as digest from ${sql.table(table)} t
    `.execute(database.db);
    parts.push(`${table}:${rows[0]?.digest}`);
  }
  const { rows } = await sql<{ digest: string }>`
    select md5(string_agg(concat_ws(',', id, name, scopes::text, expires_at, revoked_at), '|' order by id)) as digest
    from api_keys
  `.execute(database.db);
  parts.push(`api_keys:${rows[0]?.digest}`);
  return parts.join(" ");
}

const operations = [...API_OPERATIONS, ...AC_OPERATIONS].filter((operation) => operation.auth !== false);
const nameOf = (operation: ApiOperation) => `${operation.method.toUpperCase()} ${operation.path}`;

describe("every authenticated operation declares its scope and has a request here", () => {
  it.each(operations.map((operation) => [nameOf(operation), operation] as const))("%s", (name, operation) => {
    expect(operation.scope, `${name} names no scope in the OpenAPI operations`).not.toBeUndefined();
    expect(REQUESTS[name], `${name} has no request in this test`).toBeDefined();
  });
});

const cases = operations.flatMap((operation) =>
  KEY_KINDS.map((kind) => {
    const allowed = operation.scope === null || kind === "full access" || kind === operation.scope;
    return [nameOf(operation), kind, allowed ? "allowed" : "403", operation] as const;
  }),
);

describe("API key scopes × every REST operation", () => {
  it.each(cases)("%s with a %s key → %s", async (name, kind, outcome, operation) => {
    const key = keys.get(kind);
    if (!key) throw new Error(`no key for ${kind}`);
    const request = REQUESTS[name]?.(await fixturesOf(kind)) ?? {};
    const handler = await handlerOf(operation);
    const call = () =>
      callRoute(handler, {
        method: operation.method.toUpperCase(),
        path: operation.path,
        apiKey: key.secret,
        ...request,
      });

    if (outcome === "allowed") {
      const response = await call();
      expect(response.status, JSON.stringify(response.body)).toBe(operation.response.status);
      return;
    }

    const before = await snapshot();
    const response = await call();
    expect(response.status).toBe(403);
    if (operation.dialect === "activecampaign") {
      expect(Object.keys(response.body)).toEqual(["message"]);
      expect(response.body.message).toContain(`\`${operation.scope}\` scope`);
    } else {
      expect(response.body.error.code).toBe("forbidden");
      expect(response.body.error.message).toContain(`\`${operation.scope}\` scope`);
    }
    expect(await snapshot()).toBe(before);
  });
});

describe("the scope is checked before the input", () => {
  it("an invalid body from a key without the scope is 403, not 400: it learns nothing about the route", async () => {
    const key = keys.get("contacts:read");
    const operation = API_OPERATIONS.find((entry) => nameOf(entry) === "POST /api/v1/hooks");
    if (!key || !operation) throw new Error("missing fixture");
    const response = await callRoute(await handlerOf(operation), {
      method: "POST",
      path: operation.path,
      apiKey: key.secret,
      body: { target_url: 42 },
    });
    expect(response.status).toBe(403);
    expect(response.body.error.code).toBe("forbidden");
  });
});
