// A hook's delivery history for the admin UI, filterable by status and by event type. Neither
// filter has an index of its own (the type lives on `events`; `deliveries` is indexed on
// (hook_id, id) for history, and a status index would tax every write of the engine), so a
// filtered page scans a bounded window of the hook's newest deliveries through (hook_id, id) and
// hands back a cursor to keep searching: a rare match in a long history never costs a full scan.
import { sql } from "kysely";
import { z } from "zod";
import type { Executor } from "@/db";
import {
  DELIVERY_STATUSES,
  type DeliveryResource,
  deliveryResource,
} from "@/server/delivery/delivery.schema";
import { type DeliveryRow, toDeliveryResource } from "@/server/delivery/delivery.service";
import { notFound } from "@/server/errors";
import { decodeCursor, encodeCursor, type Page } from "@/server/lib/pagination";
import { type PendingState, pendingState, withPendingStates } from "./pending-state";

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
  input: DeliveryHistoryInput,
  options: { scanWindow?: number } = {},
): Promise<Page<DeliveryResource & { queue: PendingState }> & { partial: boolean }> {
  const hook = await db.selectFrom("hooks").select("id").where("id", "=", input.hookId).executeTakeFirst();
  if (!hook) throw notFound("hook");
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
