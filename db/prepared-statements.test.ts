import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "@/db";
import { createTestDatabase, type TestDatabase } from "@/server/testing/test-database";
import { PREPARED } from "./prepared-statements";

let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase();
});

afterAll(async () => {
  await database?.close();
});

describe("PREPARED statements", () => {
  it("run with their parameters; on PostgreSQL parsed once per connection, planned on every call", async () => {
    const seen = await database.db.connection().execute(async (connection) => {
      const answers: number[] = [];
      // More calls than the five after which PostgreSQL would otherwise switch to a generic plan.
      for (const n of [1, 2, 3, 4, 5, 6, 7]) {
        const result = await sql<{ n: number }>`${PREPARED} select ${n}::int + 1 as n`.execute(connection);
        answers.push(result.rows[0]?.n ?? 0);
      }
      const unmarked = await sql<{ n: number }>`select ${5}::int as n`.execute(connection);
      answers.push(unmarked.rows[0]?.n ?? 0);
      if (database.kind !== "postgres") return { answers, prepared: [] };
      const prepared = await sql<{
        name: string;
        statement: string;
        generic_plans: number;
        custom_plans: number;
      }>`
        select name, statement, generic_plans::int, custom_plans::int from pg_prepared_statements
      `.execute(connection);
      return { answers, prepared: prepared.rows };
    });
    expect(seen.answers).toEqual([2, 3, 4, 5, 6, 7, 8, 5]);
    if (database.kind === "postgres") {
      // Seven calls, one statement; the unmarked query stays unnamed.
      expect(seen.prepared).toHaveLength(1);
      expect(seen.prepared[0]?.name).toMatch(/^hookline_[0-9a-f]{24}$/);
      expect(seen.prepared[0]?.statement).toContain("select $1::int + 1 as n");
      // Never a generic plan: one settled on a tiny table can be ruinous once it has grown.
      expect(seen.prepared[0]).toMatchObject({ generic_plans: 0, custom_plans: 7 });
    }
  });

  it.skipIf(!process.env.DATABASE_URL)("leaves a deployment's own connection options in force", async () => {
    const url = new URL(database.location);
    url.searchParams.set("options", "-c statement_timeout=4321");
    const opened = await openDatabase({ url: url.toString(), poolSize: 1 });
    try {
      const settings = await sql<{ timeout: string; plans: string }>`
        select current_setting('statement_timeout') as timeout, current_setting('plan_cache_mode') as plans
      `.execute(opened.db);
      expect(settings.rows[0]).toEqual({ timeout: "4321ms", plans: "force_custom_plan" });
    } finally {
      await opened.close();
    }
  });

  it.skipIf(!process.env.DATABASE_URL)(
    "sends everything unnamed when switched off (transaction-mode poolers)",
    async () => {
      const opened = await openDatabase({ url: database.location, poolSize: 1, preparedStatements: false });
      try {
        const seen = await opened.db.connection().execute(async (connection) => {
          for (const n of [1, 2]) await sql`${PREPARED} select ${n}::int as n`.execute(connection);
          return sql<{ prepared: number; plans: string }>`
          select (select count(*) from pg_prepared_statements)::int as prepared,
                 current_setting('plan_cache_mode') as plans
        `.execute(connection);
        });
        expect(seen.rows[0]).toEqual({ prepared: 0, plans: "auto" });
      } finally {
        await opened.close();
      }
    },
  );
});
