// Named prepared statements, for the few hot statements whose plan cannot depend on their
// parameters (PostgreSQL only; PGlite ignores the marker, a comment).
//
// Kysely sends every query unnamed, so PostgreSQL parses, analyses and plans it on each call. A
// statement whose text opens with PREPARED is sent under a name derived from its text instead:
// parsed once per connection and, once PostgreSQL's plan cache finds its generic plan no worse
// than planning each call, planned once too. Only for statements whose parameters are opaque to
// the planner (a jsonb batch read by jsonb_to_recordset): a LIMIT or a filter value as a parameter
// can get a generic plan that is much worse than a custom one for the values actually used.
import { createHash } from "node:crypto";
import { sql } from "kysely";

const MARKER = "/* prepared */";

/** Opens a statement that should be prepared once per connection. */
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

/** Makes a pg client send PREPARED statements by name; every other query passes through as is. */
export function prepareMarkedStatements(client: { query: unknown }): void {
  const query = (client.query as Query).bind(client);
  client.query = ((config: unknown, values?: unknown, callback?: unknown) => {
    if (
      typeof config === "string" &&
      config.startsWith(MARKER) &&
      (values === undefined || Array.isArray(values))
    ) {
      return query({ name: statementName(config), text: config, values }, callback);
    }
    return query(config, values, callback);
  }) as Query;
}
