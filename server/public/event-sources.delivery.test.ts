// The four event sources end to end: a change made by an admin, through the API, by the contact
// (the public form) and by the system (an import) each reaches exactly the hooks subscribed to its
// source, with the right `source` and `initiated_by`, through the real delivery engine.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as subscribeRoute } from "@/app/api/public/subscribe/route";
import { POST as createContactRoute } from "@/app/api/v1/contacts/route";
import type { EventSource } from "@/db/schema";
import { createApiKey } from "@/server/auth/api-key.service";
import { overrideConfig } from "@/server/config/config";
import { createContact } from "@/server/contacts/contact.service";
import { useDatabase } from "@/server/database";
import { insertHook, type Receiver, startReceiver, waitFor } from "@/server/delivery/delivery.test-support";
import { DeliveryEngine } from "@/server/delivery/engine/delivery.engine";
import { processImports } from "@/server/imports/import.runner";
import { createImportDraft, startImport } from "@/server/imports/import.service";
import { createTestDatabase, type TestDatabase } from "@/server/testing/test-database";

let database: TestDatabase;
let engine: DeliveryEngine;
const receivers = new Map<EventSource, Receiver>();
const SOURCES: EventSource[] = ["admin", "api", "public", "system"];

overrideConfig({ HOOKLINE_ALLOWED_TARGETS: "127.0.0.0/8" });

beforeAll(async () => {
  database = await createTestDatabase();
  useDatabase(database);
  for (const source of SOURCES) {
    const receiver = await startReceiver();
    receivers.set(source, receiver);
    // Each hook hears every contact event, but from one source only: it excludes the other three.
    await insertHook(database.db, { target: receiver.url, events: ["*"], sources: [source] });
  }
  engine = new DeliveryEngine(database, { pollMs: 50, leaseMs: 5_000, timeoutMs: 2_000, perHook: 4 });
  await engine.start();
});

afterAll(async () => {
  await engine?.stop();
  await Promise.all([...receivers.values()].map((receiver) => receiver.close()));
  await database?.close();
});

describe("event sources", () => {
  it("reach only the hooks subscribed to them, with source and initiated_by", async () => {
    await createContact(database.db, {
      actor: { source: "admin", userId: "usr_admin", email: "admin@example.com" },
      input: { email: "by-admin@example.com" },
    });

    const { secret } = await createApiKey(database.db, { name: "Zapier", createdBy: null });
    const viaApi = await createContactRoute(
      new Request("http://hookline.test/api/v1/contacts", {
        method: "POST",
        headers: { authorization: `Bearer ${secret}`, "content-type": "application/json" },
        body: JSON.stringify({ email: "by-api@example.com" }),
      }),
      { params: Promise.resolve({}) },
    );
    expect(viaApi.status).toBe(201);

    const viaForm = await subscribeRoute(
      new Request("http://hookline.test/api/public/subscribe", {
        method: "POST",
        headers: { "content-type": "application/json", "x-forwarded-for": "198.51.100.7" },
        body: JSON.stringify({ email: "by-contact@example.com" }),
      }),
    );
    expect(viaForm.status).toBe(200);

    const draft = await createImportDraft(database.db, {
      fileName: "sources.csv",
      bytes: new TextEncoder().encode("email\nby-import@example.com\n"),
      createdBy: null,
    });
    await startImport(database.db, { id: draft.id, mode: "create_update", mapping: ["email"] });
    await processImports(database.db, "test");

    const expected: Record<EventSource, { email: string; initiated_by: string }> = {
      admin: { email: "by-admin@example.com", initiated_by: "admin@example.com" },
      api: { email: "by-api@example.com", initiated_by: "Zapier" },
      public: { email: "by-contact@example.com", initiated_by: "contact" },
      system: { email: "by-import@example.com", initiated_by: "import:sources.csv" },
    };
    for (const source of SOURCES) {
      const [request] = await (receivers.get(source) as Receiver).waitForCount(1);
      expect(request?.json).toMatchObject({
        type: "contact.created",
        source,
        initiated_by: expected[source].initiated_by,
        data: { email: expected[source].email },
      });
    }
    // Every event has been fanned out, and still each hook got only its own.
    await waitFor(async () => {
      const pending = await database.db
        .selectFrom("events")
        .select("id")
        .where("fanout_pending", "=", true)
        .executeTakeFirst();
      return pending === undefined;
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    for (const source of SOURCES) {
      const requests = (receivers.get(source) as Receiver).requests;
      expect(requests.map((request) => request.json.source)).toEqual([source]);
    }
  });
});
