// Which failures mean "the database can't be reached" (503 and one log line per outage), as
// opposed to a query that failed (a 500, logged each time).
import pg from "pg";
import { expect, it } from "vitest";
import { isConnectionError } from "./availability";

it("knows a refused connection, from pg itself", async () => {
  // Nothing listens on port 1.
  const client = new pg.Client({ connectionString: "postgres://postgres@127.0.0.1:1/postgres" });
  const error = await client.connect().catch((caught: unknown) => caught);
  expect(isConnectionError(error)).toBe(true);
});

it("knows PostgreSQL's own connection states, and nothing else", () => {
  const withCode = (code: string) => Object.assign(new Error("x"), { code });
  for (const code of ["08006", "08001", "57P01", "57P02", "57P03", "ECONNRESET", "ETIMEDOUT"]) {
    expect(isConnectionError(withCode(code)), code).toBe(true);
  }
  expect(isConnectionError(new Error("Connection terminated unexpectedly"))).toBe(true);
  expect(isConnectionError(new Error("timeout exceeded when trying to connect"))).toBe(true);
  expect(
    isConnectionError(Object.assign(new AggregateError([withCode("ECONNREFUSED")]), { code: undefined })),
  ).toBe(true);
  // A query that failed is not an outage: unique violation, syntax error, a cancelled statement.
  for (const code of ["23505", "42601", "57014", "40001"])
    expect(isConnectionError(withCode(code)), code).toBe(false);
  expect(isConnectionError(new Error("boom"))).toBe(false);
  expect(isConnectionError("ECONNREFUSED")).toBe(false);
});
