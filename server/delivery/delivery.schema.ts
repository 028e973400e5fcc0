// Shapes of the deliveries API: inputs (zod) and the representation API.md documents.
import { z } from "zod";
import { SUBSCRIBABLE_EVENT_TYPES } from "@/shared/event.catalogue";

export const DELIVERY_STATUSES = ["pending", "delivered", "failed", "cancelled"] as const;

export const deliveryListQuery = z.object({
  status: z.enum(DELIVERY_STATUSES).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
  cursor: z.string().max(200).optional(),
});
export type DeliveryListQuery = z.infer<typeof deliveryListQuery>;

export const recoverInput = z.object({
  since: z.iso
    .datetime({ offset: true, message: "Give `since` as an ISO-8601 time, e.g. 2026-11-28T10:00:00.000Z." })
    .transform((value) => new Date(value)),
});
export type RecoverInput = z.infer<typeof recoverInput>;

export interface DeliveryAttemptResource {
  number: number;
  started_at: string;
  duration_ms: number;
  status_code: number | null;
  error: string | null;
  request: { headers: Record<string, string>; body: string };
  response: { headers: Record<string, string>; body: string } | null;
}

export interface DeliveryResource {
  id: string;
  event_id: string;
  event_type: string;
  sequence: number;
  status: (typeof DELIVERY_STATUSES)[number];
  attempt_count: number;
  created_at: string;
  delivered_at: string | null;
  next_attempt_at: string | null;
  last_status_code: number | null;
}

export interface DeliveryDetailResource extends DeliveryResource {
  hook_id: string;
  last_error: string | null;
  attempts: DeliveryAttemptResource[];
}

/** POST /api/v1/hooks/{id}/test: which event type to send an example of. */
export const hookTestInput = z
  .object({
    event: z.enum(SUBSCRIBABLE_EVENT_TYPES, {
      error: (issue) =>
        issue.input === undefined
          ? "Give the event type to send an example of, e.g. contact.created."
          : `Unknown event type ${JSON.stringify(issue.input)}; GET /api/v1/events lists them.`,
    }),
  })
  .meta({ id: "HookTest" });

export const hookDeliveryParams = z.object({
  id: z.string().max(64),
});

export const deliveryParams = z.object({
  id: z.string().max(64),
  delivery_id: z.string().max(64),
});

// What the admin UI's delivery procedures answer (`.output()`).

const httpMessage = z.object({ headers: z.record(z.string(), z.string()), body: z.string() });

export const deliveryAttemptResource = z.object({
  number: z.number().int(),
  started_at: z.string(),
  duration_ms: z.number(),
  status_code: z.number().int().nullable(),
  error: z.string().nullable(),
  request: httpMessage,
  response: httpMessage.nullable(),
});

export const deliveryResource = z.object({
  id: z.string(),
  event_id: z.string(),
  event_type: z.string(),
  sequence: z.number(),
  status: z.enum(DELIVERY_STATUSES),
  attempt_count: z.number().int(),
  created_at: z.string(),
  delivered_at: z.string().nullable(),
  next_attempt_at: z.string().nullable(),
  last_status_code: z.number().int().nullable(),
});

export const deliveryPage = z.object({ data: z.array(deliveryResource), next_cursor: z.string().nullable() });

export const deliveryDetailResource = deliveryResource.extend({
  hook_id: z.string(),
  last_error: z.string().nullable(),
  attempts: z.array(deliveryAttemptResource),
});

/** A ping or a test event: the one delivery it made. */
export const deliverySent = z.object({ delivery_id: z.string() });

export const deliverySummary = z.object({
  since: z.string(),
  delivered: z.number().int(),
  failed: z.number().int(),
  cancelled: z.number().int(),
  pending: z.number().int(),
});
