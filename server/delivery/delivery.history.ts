// The admin UI's delivery lists: a hook's history, filterable by status and by event type, and one
// event's deliveries across hooks; each row with where it stands in its queue (delivery.pending-state.ts).
//
// A hook's history: neither
// filter has an index of its own (the type lives on `events`; `deliveries` is indexed on
// (hook_id, id) for history, and a status index would tax every write of the engine), so a
// filtered page scans a bounded window of the hook's newest deliveries through (hook_id, id) and
// hands back a cursor to keep searching: a rare match in a long history never costs a full scan.
import { sql } from "kysely";
import { z } from "zod";
import type { Db, Executor } from "@/db";
import type { Actor } from "@/server/events/actor";
import { ownedBy, scopeOf } from "@/server/hooks/hook.scope";
import { decodeCursor, encodeCursor, type Page, toPage } from "@/server/lib/pagination";
import { type PendingState, pendingState, withPendingStates } from "./delivery.pending-state";
import {
  type DeliveryRow,
  findHookInScope,
  getDelivery,
  selectDeliveries,
  toDeliveryResource,
} from "./delivery.read";
import {
  DELIVERY_STATUSES,
  type DeliveryDetailResource,
  type DeliveryResource,
  deliveryResource,
} from "./delivery.schema";

/** Deliveries looked at per page when filtering. */
export const FILTER_SCAN_WINDOW = 5000;

export const deliveryHistoryInput = z.object({
  hookId: z.string().max(64),
  status: z.enum(DELIVERY_STATUSES).optional(),
  eventType: z.string().trim().max(100).optional(),
  limit: z.number().int().min(1).max(100).default(25),
  cursor: z.string().max(200).nullish(),
});
export type DeliveryHistoryInput = z.infer<typeof deliveryHistoryInput>;

/** A delivery as the admin's lists show it: the REST resource and where it stands in its queue. */
export const deliveryListRow = deliveryResource.extend({ queue: pendingState });

export const deliveryHistoryPage = z.object({
  data: z.array(deliveryListRow),
  next_cursor: z.string().nullable(),
  /** True when a filtered page stopped at its scan window: older deliveries may still match. */
  partial: z.boolean(),
});

export async function listDeliveryHistory(
  db: Executor,
  options: { actor: Actor; query: DeliveryHistoryInput; scanWindow?: number },
): Promise<Page<DeliveryResource & { queue: PendingState }> & { partial: boolean }> {
  const { actor, query: input } = options;
  await findHookInScope(db, actor, input.hookId);
  const before = decodeCursor(input.cursor ?? undefined);
  const older = before ? sql`and id < ${before}` : sql``;
  const type = input.eventType || undefined;
  const filtered = type !== undefined || input.status !== undefined;
  const window = filtered ? (options.scanWindow ?? FILTER_SCAN_WINDOW) : input.limit + 1;
  const matches = [
    ...(input.status ? [sql`dd.status = ${input.status}`] : []),
    ...(type ? [sql`ee.type = ${type}`] : []),
  ];

  const result = await sql<DeliveryRow & { scanned: number; oldest: string | null }>`
    with win as materialized (
      select id from deliveries
      where hook_id = ${input.hookId} ${older}
      order by id desc
      limit ${window}
    ),
    bounds as (select count(*)::int as scanned, min(id) as oldest from win)
    select d.id, d.event_id, e.type as event_type, d.sequence, d.status, d.attempt_count, d.created_at,
           d.delivered_at, d.next_attempt_at, d.last_status_code, b.scanned, b.oldest
    from bounds b
    left join lateral (
      select dd.* from win
      join deliveries dd on dd.id = win.id
      join events ee on ee.id = dd.event_id
      where ${matches.length > 0 ? sql.join(matches, sql` and `) : sql`true`}
      order by dd.id desc
      limit ${input.limit + 1}
    ) d on true
    left join events e on e.id = d.event_id
    order by d.id desc nulls last
  `.execute(db);

  const rows = result.rows.filter((row) => row.id !== null);
  const scanned = result.rows[0]?.scanned ?? 0;
  const oldest = result.rows[0]?.oldest ?? null;
  const more = rows.length > input.limit;
  const data = rows.slice(0, input.limit).map(toDeliveryResource);
  const withQueue = await withPendingStates(db, data);
  if (more) return { data: withQueue, next_cursor: encodeCursor(data.at(-1)?.id ?? ""), partial: false };
  // Fewer matches than a page: if the window was full, older deliveries remain to be searched.
  const windowFull = filtered && scanned === window && oldest !== null;
  return { data: withQueue, next_cursor: windowFull ? encodeCursor(oldest) : null, partial: windowFull };
}

/** One delivery with its attempts (getDelivery) and, if pending, where it stands in its queue. */
export async function getDeliveryDetail(
  db: Db,
  options: { actor: Actor; hookId: string; deliveryId: string },
): Promise<DeliveryDetailResource & { queue: PendingState }> {
  const [detail] = await withPendingStates(db, [await getDelivery(db, options)]);
  return detail as DeliveryDetailResource & { queue: PendingState };
}

export const eventDeliveriesInput = z.object({
  eventId: z.string().max(64),
  limit: z.number().int().min(1).max(100).default(50),
  cursor: z.string().max(200).nullish(),
});
export type EventDeliveriesInput = z.infer<typeof eventDeliveriesInput>;

export const eventDeliveriesPage = z.object({
  data: z.array(
    deliveryListRow.extend({
      hook: z.object({ id: z.string(), name: z.string().nullable(), target_url: z.string() }),
    }),
  ),
  next_cursor: z.string().nullable(),
  /** False until the delivery loop has made the event's deliveries (normally within milliseconds). */
  fanned_out: z.boolean(),
});
export type EventDeliveriesPage = z.infer<typeof eventDeliveriesPage>;

/**
 * One event's deliveries across every hook the actor may see, for the admin's event page: where a
 * change went, and how each hook took it. Read through deliveries_event_id_idx, in id order (one
 * event's delivery ids differ by a hash of the hook: a stable order for paging, not a meaningful one).
 */
export async function listEventDeliveries(
  db: Db,
  options: { actor: Actor; query: EventDeliveriesInput },
): Promise<EventDeliveriesPage> {
  const { actor, query: input } = options;
  let select = selectDeliveries(db)
    .innerJoin("hooks", "hooks.id", "deliveries.hook_id")
    .select(["deliveries.hook_id", "hooks.name as hook_name", "hooks.target_url"])
    .where("deliveries.event_id", "=", input.eventId)
    .where(ownedBy(scopeOf(actor)));
  const after = decodeCursor(input.cursor ?? undefined);
  if (after) select = select.where("deliveries.id", ">", after);
  const [rows, awaitingFanOut] = await Promise.all([
    select
      .orderBy("deliveries.id")
      .limit(input.limit + 1)
      .execute(),
    db
      .selectFrom("events")
      .select("id")
      .where("id", "=", input.eventId)
      .where("fanout_pending", "=", true)
      .executeTakeFirst(),
  ]);
  const page = toPage(rows, input.limit, (row) => ({
    ...toDeliveryResource(row),
    hook: { id: row.hook_id, name: row.hook_name, target_url: row.target_url },
  }));
  return {
    data: await withPendingStates(db, page.data),
    next_cursor: page.next_cursor,
    fanned_out: awaitingFanOut === undefined,
  };
}
