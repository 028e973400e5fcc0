// The delivery log across hooks (the admin's /deliveries page): every delivery the actor may see,
// newest first, filtered by status, event type, hook, contact and time, in keyset pages; and the
// failures a filter matches, counted and then sent again in bulk.
//
// Only some filters have an index: the time range is a range of the primary key (a delivery's id
// begins with its event's time, delivery-id.ts), a hook has (hook_id, id), a contact its events
// (events_contact_id_idx) and their deliveries (deliveries_event_id_idx). Status and event type have
// none on `deliveries` (a status index would tax every write of the engine; the type lives on
// `events`), so a page filtered by them scans a bounded window of the newest candidates and hands
// back a cursor to keep searching (`partial`): a rare match never costs a scan of the whole table.
import { type RawBuilder, sql } from "kysely";
import { z } from "zod";
import type { Db, Executor } from "@/db";
import { recordAudit } from "@/server/audit/audit.service";
import { AppError } from "@/server/errors";
import type { Actor } from "@/server/events/actor";
import { scopeOf } from "@/server/hooks/hook.scope";
import { firstIdAt } from "@/server/lib/ids";
import { decodeCursor, encodeCursor } from "@/server/lib/pagination";
import { pendingState, withPendingStates } from "./delivery.pending-state";
import { type DeliveryRow, toDeliveryResource } from "./delivery.read";
import { DELIVERY_STATUSES, type DeliveryResource, deliveryResource } from "./delivery.schema";
import { requeueDeliveries } from "./delivery.service";

/** Deliveries looked at per page when a filter has no index (status, event type). */
export const LOG_SCAN_WINDOW = 5000;
/** The most failures one bulk redelivery sends again; the count says when more match. */
export const BULK_REDELIVER_CAP = 10_000;
/** Requeued per statement within a bulk redelivery. */
const REQUEUE_BATCH = 1000;

const optionalId = z
  .string()
  .trim()
  .max(64, "An id is at most 64 characters.")
  .optional()
  .transform((value) => value || undefined);
const optionalTime = z
  .preprocess(
    (value) => (value === "" ? undefined : value),
    z.iso.datetime({ offset: true, error: "Give the time as an ISO date and time." }).optional(),
  )
  .transform((value) => (value ? new Date(value) : undefined));

/** What the log filters by; whatever is left out filters nothing. */
export const deliveryLogFilter = z
  .object({
    status: z.enum(DELIVERY_STATUSES).optional(),
    eventType: z
      .string()
      .trim()
      .max(100, "An event type is at most 100 characters.")
      .optional()
      .transform((value) => value || undefined),
    hookId: optionalId,
    /** A contact's id, or the email of a contact there now. */
    contactId: z
      .string()
      .trim()
      .max(320, "Name the contact by its id or email (at most 320 characters).")
      .optional()
      .transform((value) => value || undefined),
    /** From this time (of the event), inclusive. */
    from: optionalTime,
    /** Until this time (of the event), inclusive. */
    to: optionalTime,
  })
  .refine((filter) => !filter.from || !filter.to || filter.from <= filter.to, {
    message: "The time range ends before it starts.",
    path: ["to"],
  });
/** Any of the filters; what is left out filters nothing. */
export type DeliveryLogFilter = Partial<z.output<typeof deliveryLogFilter>>;

export const deliveryLogInput = z.object({
  filter: deliveryLogFilter.prefault({}),
  limit: z.number().int().min(1).max(100).default(50),
  cursor: z.string().max(200).nullish(),
});
export type DeliveryLogInput = z.input<typeof deliveryLogInput>;

/** A delivery as the admin's lists show it: the REST resource and where it stands in its queue. */
export const deliveryListRow = deliveryResource.extend({ queue: pendingState });

/** A row of the log: with its hook and the contact its event is about. */
export const deliveryLogRow = deliveryListRow.extend({
  contact_id: z.string().nullable(),
  /** The contact's email when the event happened, so a deleted contact's deliveries still say whose. */
  contact_email: z.string().nullable(),
  hook: z.object({ id: z.string(), name: z.string().nullable(), target_url: z.string() }),
});
export type DeliveryLogRow = z.infer<typeof deliveryLogRow>;

export const deliveryLogPage = z.object({
  data: z.array(deliveryLogRow),
  next_cursor: z.string().nullable(),
  /** True when a page stopped at its scan window: older deliveries may still match. */
  partial: z.boolean(),
});
export type DeliveryLogPage = z.infer<typeof deliveryLogPage>;

export const failedMatchCount = z.object({
  /** Failed deliveries the filter matches, counted up to the cap. */
  count: z.number().int(),
  /** True when more than `cap` match: a bulk redelivery sends `cap` of them. */
  capped: z.boolean(),
  cap: z.number().int(),
});
export type FailedMatchCount = z.infer<typeof failedMatchCount>;

type ScanRow = DeliveryRow & {
  hook_id: string;
  hook_name: string | null;
  target_url: string;
  contact_id: string | null;
  contact_email: string | null;
};

/** The where clauses every index can serve: the scope, the hook, the time range, a cursor. */
function indexedConditions(
  actor: Actor,
  filter: DeliveryLogFilter,
  before: string | undefined,
): RawBuilder<unknown>[] {
  const scope = scopeOf(actor);
  return [
    ...(scope === "all"
      ? []
      : [sql`d.hook_id in (select id from hooks where api_key_id = ${scope.apiKeyId})`]),
    ...(filter.hookId ? [sql`d.hook_id = ${filter.hookId}`] : []),
    ...(filter.from ? [sql`d.id >= ${firstIdAt("msg", filter.from.getTime())}`] : []),
    // Inclusive of the last millisecond: every id made then sorts below the next one's first.
    ...(filter.to ? [sql`d.id < ${firstIdAt("msg", filter.to.getTime() + 1)}`] : []),
    ...(before ? [sql`d.id < ${before}`] : []),
  ];
}

/**
 * Events about the contact a filter names: by id, or by the email of a contact there now (people
 * know their contacts by email; the scalar subquery reads the unique lower(email) index once).
 */
function aboutContact(contact: string): RawBuilder<unknown> {
  return contact.includes("@")
    ? sql`e.contact_id = (select id from contacts where lower(email) = ${contact.toLowerCase()})`
    : sql`e.contact_id = ${contact}`;
}

const and = (conditions: RawBuilder<unknown>[]) =>
  conditions.length > 0 ? sql.join(conditions, sql` and `) : sql`true`;

/**
 * A page of the deliveries `filter` matches, newest first, with each one's hook and contact: the
 * delivery log, and a hook's history (delivery.history.ts) when the filter names the hook.
 */
export async function scanDeliveries(
  db: Executor,
  options: {
    actor: Actor;
    filter: DeliveryLogFilter;
    limit: number;
    cursor?: string | null | undefined;
    scanWindow?: number;
  },
): Promise<{ data: Array<ScanRow>; next_cursor: string | null; partial: boolean }> {
  const { actor, filter, limit } = options;
  const before = decodeCursor(options.cursor ?? undefined);
  const unindexed = filter.status !== undefined || filter.eventType !== undefined;
  const window = unindexed ? (options.scanWindow ?? LOG_SCAN_WINDOW) : limit + 1;
  const where = and(indexedConditions(actor, filter, before));
  // A contact's deliveries are reached through its events; otherwise the newest deliveries.
  // The window carries every column a row shows, so status is tested without reading a row twice.
  const columns = sql`d.id, d.event_id, d.hook_id, d.sequence, d.status, d.attempt_count, d.created_at,
    d.delivered_at, d.next_attempt_at, d.last_status_code`;
  const candidates = filter.contactId
    ? sql`select ${columns} from events e join deliveries d on d.event_id = e.id
          where ${aboutContact(filter.contactId)} and ${where}`
    : sql`select ${columns} from deliveries d where ${where}`;
  // Walked in the window's order and stopped at a page: the type through a join on the event's
  // key, row by row (a semi-join would hash every event of that type first).
  const matches = and([
    ...(filter.status ? [sql`w.status = ${filter.status}`] : []),
    ...(filter.eventType ? [sql`ee.type = ${filter.eventType}`] : []),
  ]);
  const byType = filter.eventType ? sql`join events ee on ee.id = w.event_id` : sql``;

  const result = await sql<ScanRow & { scanned: number; oldest: string | null }>`
    with win as materialized (${candidates} order by d.id desc limit ${window}),
    bounds as (select count(*)::int as scanned, min(id) as oldest from win),
    hits as (select w.* from win w ${byType} where ${matches} order by w.id desc limit ${limit + 1})
    select d.id, d.event_id, e.type as event_type, e.contact_id, e.payload->>'email' as contact_email,
           d.hook_id, h.name as hook_name,
           h.target_url, d.sequence, d.status, d.attempt_count, d.created_at, d.delivered_at,
           d.next_attempt_at, d.last_status_code, b.scanned, b.oldest
    from bounds b
    left join hits d on true
    left join events e on e.id = d.event_id
    left join hooks h on h.id = d.hook_id
    order by d.id desc nulls last
  `.execute(db);

  const rows = result.rows.filter((row) => row.id !== null);
  const scanned = result.rows[0]?.scanned ?? 0;
  const oldest = result.rows[0]?.oldest ?? null;
  const data = rows.slice(0, limit);
  if (rows.length > limit) {
    return { data, next_cursor: encodeCursor(data.at(-1)?.id ?? ""), partial: false };
  }
  // Fewer matches than a page: if the window was full, older deliveries remain to be searched.
  const windowFull = unindexed && scanned === window && oldest !== null;
  return { data, next_cursor: windowFull ? encodeCursor(oldest) : null, partial: windowFull };
}

/** A page of the delivery log, each delivery with its hook, contact and place in its queue. */
export async function listDeliveryLog(
  db: Executor,
  options: {
    actor: Actor;
    query: { filter: DeliveryLogFilter; limit: number; cursor?: string | null | undefined };
    scanWindow?: number;
  },
): Promise<DeliveryLogPage> {
  const { query } = options;
  const page = await scanDeliveries(db, {
    actor: options.actor,
    filter: query.filter,
    limit: query.limit,
    cursor: query.cursor,
    scanWindow: options.scanWindow,
  });
  const rows: Array<DeliveryResource & Pick<DeliveryLogRow, "contact_id" | "contact_email" | "hook">> =
    page.data.map((row) => ({
      ...toDeliveryResource(row),
      contact_id: row.contact_id,
      contact_email: row.contact_email ?? null,
      hook: { id: row.hook_id, name: row.hook_name, target_url: row.target_url },
    }));
  const data: Array<DeliveryLogRow> = await withPendingStates(db, rows);
  return { data, next_cursor: page.next_cursor, partial: page.partial };
}

/**
 * The failed deliveries `filter` matches, newest first by no particular index: at most `cap + 1`
 * ids (one more than the cap tells that more match). A filter on another status matches none.
 */
async function failedMatching(
  db: Executor,
  actor: Actor,
  filter: DeliveryLogFilter,
  cap: number,
): Promise<string[]> {
  if (filter.status !== undefined && filter.status !== "failed") return [];
  const byEvent = filter.eventType !== undefined || filter.contactId !== undefined;
  const conditions = [
    sql`d.status = 'failed'`,
    ...indexedConditions(actor, filter, undefined),
    ...(filter.eventType ? [sql`e.type = ${filter.eventType}`] : []),
    ...(filter.contactId ? [aboutContact(filter.contactId)] : []),
  ];
  const result = await sql<{ id: string }>`
    select d.id from deliveries d
    ${byEvent ? sql`join events e on e.id = d.event_id` : sql``}
    where ${and(conditions)}
    limit ${cap + 1}
  `.execute(db);
  return result.rows.map((row) => row.id);
}

/** How many failed deliveries a bulk redelivery of `filter` would send again (up to the cap). */
export async function countFailedMatching(
  db: Executor,
  options: { actor: Actor; filter: DeliveryLogFilter; cap?: number },
): Promise<FailedMatchCount> {
  const cap = options.cap ?? BULK_REDELIVER_CAP;
  const ids = await failedMatching(db, options.actor, options.filter, cap);
  return { count: Math.min(ids.length, cap), capped: ids.length > cap, cap };
}

/**
 * Sends again the failed deliveries `filter` matches now (checked afresh, not trusted from the
 * count the admin confirmed), up to the cap, in batches through the one requeue every redelivery
 * uses; with an audit entry, in one transaction. Answers how many went back in the queue.
 */
export async function redeliverFailedMatching(
  db: Db,
  options: { actor: Actor; filter: DeliveryLogFilter; cap?: number },
): Promise<{ requeued: number; capped: boolean }> {
  const { actor, filter } = options;
  if (filter.status !== undefined && filter.status !== "failed") {
    throw new AppError(
      "bad_request",
      "Only failed deliveries are redelivered in bulk; filter by status failed.",
    );
  }
  const cap = options.cap ?? BULK_REDELIVER_CAP;
  return db.transaction().execute(async (trx) => {
    const ids = await failedMatching(trx, actor, filter, cap);
    const chosen = ids.slice(0, cap);
    let requeued = 0;
    for (let start = 0; start < chosen.length; start += REQUEUE_BATCH) {
      requeued += await requeueDeliveries(trx, chosen.slice(start, start + REQUEUE_BATCH));
    }
    if (requeued > 0) {
      await recordAudit(trx, actor, {
        kind: "deliveries.redelivered",
        objectType: "delivery",
        objectId: filter.hookId ?? "*",
        changes: {
          filter: { before: null, after: describeFilter(filter) },
          redelivered: { before: null, after: requeued },
        },
      });
    }
    return { requeued, capped: ids.length > cap };
  });
}

/** The filter as the audit log keeps it: only what was set, times as ISO text. */
function describeFilter(filter: DeliveryLogFilter): Record<string, string> {
  const out: Record<string, string> = { status: "failed" };
  for (const [name, value] of Object.entries(filter)) {
    if (value instanceof Date) out[name] = value.toISOString();
    else if (typeof value === "string") out[name] = value;
  }
  return out;
}
