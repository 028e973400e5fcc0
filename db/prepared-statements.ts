// Named prepared statements for the delivery engine's hot statements (PostgreSQL only; PGlite
// ignores the marker, a comment).
//
// Kysely sends every query unnamed, so PostgreSQL parses and analyses the text of each call anew:
// for the engine's fan-out, claim and result statements — large CTEs run hundreds of times a
// second — that was a tenth of PostgreSQL's work per delivery. A
// statement whose text opens with PREPARED is sent under a name derived from its text instead, and
// parsed once per connection. It is still *planned* on every call, for the values at hand and the
// table as it is now: each connection sets `plan_cache_mode = force_custom_plan` first, because a
// generic plan is settled after five calls — on a fresh `deliveries` table, while it is tiny — and
// kept until autovacuum next analyses it, and such a plan is many times slower. (A session
// SET, not a startup option: that would replace a deployment's own PGOPTIONS or be replaced by an
// `options` in its DATABASE_URL.)
import { createHash } from "node:crypto";
import { sql } from "kysely";
import { dbLog } from "./log";

const MARKER = "/* prepared */";

/** Opens a statement that should be parsed once per connection. */
export const PREPARED = sql.raw(MARKER);

type Query = (config: unknown, values?: unknown, callback?: unknown) => unknown;

const names = new Map<string, string>();

function statementName(text: string): string {
  let name = names.get(text);
  if (!name) {
    name = `hookline_${createHash("sha256").update(text).digest("hex").slice(0, 24)}`;
    names.set(text, name);
  }
  return name;
}

/**
 * Makes a pg client plan named statements for each call's values, then send PREPARED statements by
 * name; every other query passes through as is. Call it before the client runs anything else: pg
 * runs a client's queries in order, so the SET is in force before the first named statement.
 * Behind a transaction-mode pooler neither a named statement nor a session SET outlives the
 * transaction that made it: there, the caller doesn't call this and everything goes unnamed.
 */
export function prepareMarkedStatements(client: { query: unknown }): void {
  const query = (client.query as Query).bind(client);
  let named = true;
  (query("set plan_cache_mode = force_custom_plan") as Promise<unknown>).catch((error: Error) => {
    // Without custom plans, naming would risk the generic plan described above: stay unnamed.
    named = false;
    dbLog().warn({ error: error.message }, "plan_cache_mode not set, statements stay unprepared");
  });
  client.query = ((config: unknown, values?: unknown, callback?: unknown) => {
    if (
      named &&
      typeof config === "string" &&
      config.startsWith(MARKER) &&
      (values === undefined || Array.isArray(values))
    ) {
      return query({ name: statementName(config), text: config, values }, callback);
    }
    return query(config, values, callback);
  }) as Query;
}
