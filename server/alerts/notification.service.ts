// The in-app notifications: hooks disabled and deliveries exhausted, read straight from the events
// they are (events_type_id_idx), so nothing more is written when they happen. Each admin reads them
// up to a watermark (mark all read) and one by one above it.
import { sql } from "kysely";
import { z } from "zod";
import type { Db, Executor } from "@/db";
import { notFound } from "@/server/errors";
import { decodeCursor, type Page, toPage } from "@/server/lib/pagination";
import { alertText } from "./alert-text";
import { ALERT_EVENTS } from "./alert-url.service";

/** More unread than this shows as "99+": counting stops there. */
export const UNREAD_CAP = 99;

export const notificationListQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(25),
  cursor: z.string().max(200).optional(),
});

export interface NotificationResource {
  id: string;
  type: (typeof ALERT_EVENTS)[number];
  text: string;
  /** The hook it is about, while that hook exists (for a link). */
  hook_id: string | null;
  read: boolean;
  created_at: string;
}

function alertEvents(db: Executor) {
  return db.selectFrom("events").where("events.type", "in", [...ALERT_EVENTS]);
}

async function readThrough(db: Executor, userId: string): Promise<string> {
  const row = await db
    .selectFrom("users")
    .select("notifications_read_through")
    .where("id", "=", userId)
    .executeTakeFirst();
  // "" sorts below every id.
  return row?.notifications_read_through ?? "";
}

export async function listNotifications(
  db: Db,
  options: { userId: string; query: z.input<typeof notificationListQuery> },
): Promise<Page<NotificationResource>> {
  const { userId, query } = options;
  const { limit, cursor } = notificationListQuery.parse(query);
  const watermark = await readThrough(db, userId);
  let select = alertEvents(db)
    .leftJoin("notification_reads as r", (join) =>
      join.onRef("r.event_id", "=", "events.id").on("r.user_id", "=", userId),
    )
    .leftJoin("hooks", (join) => join.on(sql<boolean>`hooks.id = events.payload->'hook'->>'id'`))
    .select([
      "events.id",
      "events.type",
      "events.actor",
      "events.payload",
      "events.test",
      "events.created_at",
      "hooks.id as hook_id",
    ])
    .select(sql<boolean>`events.id <= ${watermark} or r.event_id is not null`.as("read"));
  const before = decodeCursor(cursor);
  if (before) select = select.where("events.id", "<", before);
  const rows = await select
    .orderBy("events.id", "desc")
    .limit(limit + 1)
    .execute();
  return toPage(rows, limit, (row) => ({
    id: row.id,
    type: row.type as NotificationResource["type"],
    text: alertText(row),
    hook_id: row.hook_id,
    read: row.read,
    created_at: row.created_at.toISOString(),
  }));
}

/** Unread notifications, counted up to UNREAD_CAP + 1 (the badge says "99+" beyond). */
export async function countUnreadNotifications(db: Db, userId: string): Promise<number> {
  const watermark = await readThrough(db, userId);
  const row = await db
    .selectFrom(
      alertEvents(db)
        .select("events.id")
        .where("events.id", ">", watermark)
        .where(({ not, exists, selectFrom }) =>
          not(
            exists(
              selectFrom("notification_reads as r")
                .select(sql`1`.as("one"))
                .whereRef("r.event_id", "=", "events.id")
                .where("r.user_id", "=", userId),
            ),
          ),
        )
        .limit(UNREAD_CAP + 1)
        .as("unread"),
    )
    .select(sql<number>`count(*)::int`.as("n"))
    .executeTakeFirstOrThrow();
  return row.n;
}

export async function markNotificationRead(db: Db, userId: string, eventId: string): Promise<void> {
  const event = await alertEvents(db).select("events.id").where("events.id", "=", eventId).executeTakeFirst();
  if (!event) throw notFound("notification");
  await db
    .insertInto("notification_reads")
    .values({ user_id: userId, event_id: eventId })
    .onConflict((oc) => oc.doNothing())
    .execute();
}

/** Everything up to the newest notification is read; one-by-one marks below it are dropped. */
export async function markAllNotificationsRead(db: Db, userId: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const newest = await alertEvents(trx)
      .select("events.id")
      .orderBy("events.id", "desc")
      .limit(1)
      .executeTakeFirst();
    if (!newest) return;
    await trx
      .updateTable("users")
      .set({ notifications_read_through: newest.id })
      .where("id", "=", userId)
      .where((eb) =>
        eb.or([
          eb("notifications_read_through", "is", null),
          eb("notifications_read_through", "<", newest.id),
        ]),
      )
      .execute();
    await trx
      .deleteFrom("notification_reads")
      .where("user_id", "=", userId)
      .where("event_id", "<=", newest.id)
      .execute();
  });
}
