// A delivery this worker holds a lease on, with what sending it needs — built the same way from the
// claim's rows and from the fan-out's.
import type { DeliveryMessage } from "../delivery.payload";

export interface ClaimedDelivery extends DeliveryMessage {
  leaseId: string;
  hookId: string;
  ordered: boolean;
  retryStep: number;
}

/** A hook's columns as the claim and the fan-out select them; a timestamp read from JSON is text. */
export interface HookColumns {
  hook_id: string;
  target_url: string;
  hook_events: string[];
  payload_mode: "fat" | "skinny";
  format: "json" | "activecampaign";
  secret: string;
  previous_secret: string | null;
  previous_secret_expires_at: Date | string | null;
}

/** An event's columns as the claim and the fan-out select them (the fan-out never meets a test event). */
export interface EventColumns {
  event_id: string;
  type: string;
  source: string;
  actor: string;
  contact_id: string | null;
  payload: Record<string, unknown>;
  detail: Record<string, unknown> | null;
  event_created_at: Date | string;
  test?: boolean;
}

/** The delivery's own columns; without `ordered` and `retry_step`, a first attempt to an unordered hook. */
export interface DeliveryColumns {
  id: string;
  hook_id: string;
  sequence: number | string;
  ordered?: boolean;
  retry_step?: number;
}

function asDate(value: Date | string): Date {
  return typeof value === "string" ? new Date(value) : value;
}

export function hookFromColumns(row: HookColumns): ClaimedDelivery["hook"] {
  return {
    id: row.hook_id,
    targetUrl: row.target_url,
    events: row.hook_events,
    payload: row.payload_mode,
    format: row.format,
    secret: row.secret,
    previousSecret: row.previous_secret,
    previousSecretExpiresAt: row.previous_secret_expires_at ? asDate(row.previous_secret_expires_at) : null,
  };
}

export function eventFromColumns(row: EventColumns): ClaimedDelivery["event"] {
  return {
    id: row.event_id,
    type: row.type,
    source: row.source,
    actor: row.actor,
    contactId: row.contact_id,
    payload: row.payload,
    detail: row.detail,
    createdAt: asDate(row.event_created_at),
    test: row.test,
  };
}

/**
 * One claimed delivery. The hook and event objects are passed in so that deliveries of one hook or
 * one event may share them (the fan-out's do).
 */
export function claimedDelivery(
  row: DeliveryColumns,
  leaseId: string,
  hook: ClaimedDelivery["hook"],
  event: ClaimedDelivery["event"],
): ClaimedDelivery {
  return {
    id: row.id,
    leaseId,
    hookId: row.hook_id,
    ordered: row.ordered ?? false,
    retryStep: row.retry_step ?? 0,
    sequence: Number(row.sequence),
    hook,
    event,
  };
}
