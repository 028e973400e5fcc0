// A delivery's id — the `webhook-id` its receiver dedupes on — derived from its event and hook, so
// the one (event, hook) pair has one id for good. The fan-out commits without waiting for its WAL
// flush and sends at once (engine/fan-out.queries.ts); should PostgreSQL crash before that commit is
// written, the event is still awaiting fan-out afterwards, and the fan-out made again must name
// the same message, or receivers see one change twice under two ids.
//
// The shape is every public id's (server/lib/ids.ts): `msg_`, 9 base62 characters of time, 14
// more. The time is the event's own (its id's 9 time characters): a delivery is made after its
// event, so retention's "made before" and the dashboard's 24 h floor, which bound ranges of ids by
// time, hold with the event's time as they did with the fan-out's. Then the event id's last 3
// characters, which keep one process's events of one millisecond in order (ids.ts counts them up
// there): a fan-out's rows land together at the end of the indexes on id, as they did when ids
// counted up. Hashes alone scattered the rows of a one-millisecond backlog (an import) over the
// whole primary key and (hook_id, id) index, which cost PostgreSQL more per delivery (BENCHMARKS.md,
// round 7). Last, 11 characters of SHA-256(event id "/" hook id) in base64, `+` and `/` read as
// `A` and `B` (about 65 bits: two hooks of one event share an id with odds of n² / 2^66 for n
// hooks, 1 in 7·10^13 for a thousand). Ids of one event's deliveries sort by that hash, not by hook.
import { createHash } from "node:crypto";
import { sql } from "kysely";

const PREFIX = "msg_";
const TIME = [4, 13] as const; // "evt_" then 9 time characters
const EVENT_TAIL = 3;
const HASHED = 11;

/** The delivery id of (event, hook), as the fan-out's SQL makes it (deliveryIdSql). */
export function deliveryIdFor(eventId: string, hookId: string): string {
  const hashed = createHash("sha256").update(`${eventId}/${hookId}`).digest("base64").slice(0, HASHED);
  const tail = eventId.slice(-EVENT_TAIL);
  return `${PREFIX}${eventId.slice(...TIME)}${tail}${hashed.replace(/\+/g, "A").replace(/\//g, "B")}`;
}

/**
 * The same, as an SQL expression over two text columns (trusted names). One call per row of a
 * fan-out, so plain SQL: a PL/pgSQL function costs several times as much per row.
 */
export function deliveryIdSql(eventColumn: string, hookColumn: string) {
  const event = sql.raw(eventColumn);
  const hook = sql.raw(hookColumn);
  return sql<string>`${sql.lit(PREFIX)} || substr(${event}, ${sql.lit(TIME[0] + 1)}, ${sql.lit(TIME[1] - TIME[0])})
    || right(${event}, ${sql.lit(EVENT_TAIL)})
    || translate(left(encode(sha256(convert_to(${event} || '/' || ${hook}, 'UTF8')), 'base64'), ${sql.lit(HASHED)}), '+/', 'AB')`;
}
