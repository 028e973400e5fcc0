import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { insertHook } from "@/server/delivery/delivery.test-support";
import type { Actor } from "@/server/events/actor";
import { createTestDatabase, type TestDatabase } from "@/server/testing/test-database";
import { listHookDeletions } from "./hook.deletions";
import { deleteHook } from "./hook.service";

let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase();
});

afterAll(async () => {
  await database?.close();
});

const admin: Actor = { source: "admin", userId: "usr_1", email: "ada@example.com" };

describe("the record of deleted hooks", () => {
  it("keeps what each deleted hook was, and who deleted it", async () => {
    const key = await sql<{ id: string }>`
      insert into api_keys (id, name, prefix, hash) values ('key_deletions', 'Zapier', 'hk_zap', 'hash')
      returning id
    `.execute(database.db);
    const apiKeyId = key.rows[0]?.id as string;
    const byAdmin = await insertHook(database.db, {
      target: "https://example.com/a",
      events: ["contact.created"],
    });
    const byKey = await insertHook(database.db, { target: "https://example.com/b", apiKeyId });
    const byCascade = await insertHook(database.db, { target: "https://example.com/c", apiKeyId });

    await deleteHook(database.db, { actor: admin, id: byAdmin.id });
    await deleteHook(database.db, {
      actor: { source: "api", apiKeyId, name: "Zapier" },
      id: byKey.id,
    });
    // A path that says nothing (here the API key's own row going, which cascades) is still recorded.
    await database.db.deleteFrom("api_keys").where("id", "=", apiKeyId).execute();

    const records = await listHookDeletions(database.db);
    const byId = new Map(records.map((record) => [record.id, record]));
    expect(byId.get(byAdmin.id)).toMatchObject({
      reason: "deleted",
      deleted_by: "ada@example.com",
      target_url: "https://example.com/a",
      events: ["contact.created"],
      api_key_id: null,
    });
    expect(byId.get(byKey.id)).toMatchObject({
      reason: "deleted",
      deleted_by: 'API key "Zapier"',
      api_key_id: apiKeyId,
    });
    expect(byId.get(byCascade.id)).toMatchObject({ reason: "deleted", deleted_by: "unknown" });
    // Settings are per transaction: nothing leaks from one deletion to the next.
    expect(records.map((record) => record.deleted_at)).toEqual(
      [...records.map((r) => r.deleted_at)].sort().reverse(),
    );
  });
});
