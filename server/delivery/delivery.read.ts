// Deliveries as the API shows them: the one mapping from rows to the resource, a hook's deliveries
// (GET /api/v1/hooks/{id}/deliveries) and one delivery with its attempts. The admin UI's lists build
// on these (delivery.history.ts, delivery.log.ts). Every function takes the actor and applies the one
// scope rule (server/hooks/hook.scope.ts): another integrator's hook is simply not found.
import type { Db, Executor } from "@/db";
import { notFound } from "@/server/errors";
import type { Actor } from "@/server/events/actor";
import { ownedBy, scopeOf } from "@/server/hooks/hook.scope";
import { decodeCursor, type Page, toPage } from "@/server/lib/pagination";
import { restoreLoggedBody } from "./delivery.payload";
import type {
  DeliveryAttemptResource,
  DeliveryDetailResource,
  DeliveryListQuery,
  DeliveryResource,
} from "./delivery.schema";

/** The hook `hookId` if the actor may see it (its id and status), or a 404. */
export async function findHookInScope(
  db: Executor,
  actor: Actor,
  hookId: string,
): Promise<{ id: string; status: string }> {
  const hook = await db
    .selectFrom("hooks")
    .select(["hooks.id", "hooks.status"])
    .where("hooks.id", "=", hookId)
    .where(ownedBy(scopeOf(actor)))
    .executeTakeFirst();
  if (!hook) throw notFound("hook");
  return hook;
}

export interface DeliveryRow {
  id: string;
  event_id: string;
  event_type: string;
  sequence: number;
  status: DeliveryResource["status"];
  attempt_count: number;
  created_at: Date;
  delivered_at: Date | null;
  next_attempt_at: Date | null;
  last_status_code: number | null;
}

export function toDeliveryResource(row: DeliveryRow): DeliveryResource {
  return {
    id: row.id,
    event_id: row.event_id,
    event_type: row.event_type,
    sequence: Number(row.sequence),
    status: row.status,
    attempt_count: row.attempt_count,
    created_at: row.created_at.toISOString(),
    delivered_at: row.delivered_at?.toISOString() ?? null,
    next_attempt_at: row.status === "pending" ? (row.next_attempt_at?.toISOString() ?? null) : null,
    last_status_code: row.last_status_code,
  };
}

/** Deliveries with what their resource needs (their event's type). */
export function selectDeliveries(db: Executor) {
  return db
    .selectFrom("deliveries")
    .innerJoin("events", "events.id", "deliveries.event_id")
    .select([
      "deliveries.id",
      "deliveries.event_id",
      "events.type as event_type",
      "deliveries.sequence",
      "deliveries.status",
      "deliveries.attempt_count",
      "deliveries.created_at",
      "deliveries.delivered_at",
      "deliveries.next_attempt_at",
      "deliveries.last_status_code",
    ]);
}

/** A hook's deliveries, newest first (the REST list). */
export async function listDeliveries(
  db: Db,
  options: { actor: Actor; hookId: string; query: DeliveryListQuery },
): Promise<Page<DeliveryResource>> {
  const { actor, hookId, query } = options;
  await findHookInScope(db, actor, hookId);
  let select = selectDeliveries(db).where("deliveries.hook_id", "=", hookId);
  if (query.status) select = select.where("deliveries.status", "=", query.status);
  const before = decodeCursor(query.cursor);
  if (before) select = select.where("deliveries.id", "<", before);
  const rows = await select
    .orderBy("deliveries.id", "desc")
    .limit(query.limit + 1)
    .execute();
  return toPage(rows, query.limit, toDeliveryResource);
}

/** One delivery of a hook, with every attempt's request and answer. */
export async function getDelivery(
  db: Db,
  options: { actor: Actor; hookId: string; deliveryId: string },
): Promise<DeliveryDetailResource> {
  const { actor, hookId, deliveryId } = options;
  await findHookInScope(db, actor, hookId);
  const row = await selectDeliveries(db)
    .select(["deliveries.hook_id", "deliveries.last_error", "events.payload", "events.contact_id"])
    .where("deliveries.hook_id", "=", hookId)
    .where("deliveries.id", "=", deliveryId)
    .executeTakeFirst();
  if (!row) throw notFound("delivery");
  const attempts = await db
    .selectFrom("delivery_attempts")
    .selectAll()
    .where("delivery_id", "=", deliveryId)
    .orderBy("number")
    .execute();
  return {
    ...toDeliveryResource(row),
    hook_id: row.hook_id,
    last_error: row.last_error,
    attempts: attempts.map(
      (attempt): DeliveryAttemptResource => ({
        number: attempt.number,
        started_at: attempt.started_at.toISOString(),
        duration_ms: attempt.duration_ms,
        status_code: attempt.status_code,
        error: attempt.error,
        request: {
          headers: attempt.request_headers,
          body: attempt.request_data_from_event
            ? restoreLoggedBody(attempt.request_body, { payload: row.payload, contactId: row.contact_id })
            : attempt.request_body,
        },
        response:
          attempt.response_headers === null
            ? null
            : { headers: attempt.response_headers, body: attempt.response_body ?? "" },
      }),
    ),
  };
}
