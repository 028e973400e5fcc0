// What the admin UI's event procedures answer: the Events page's rows, one event, the catalogue.
import { z } from "zod";
import { SUBSCRIBABLE_EVENT_TYPES } from "@/shared/event.catalogue";

export const eventResource = z.object({
  id: z.string(),
  type: z.string(),
  source: z.string(),
  actor: z.string(),
  contact_id: z.string().nullable(),
  contact_email: z.string().nullable(),
  contact_exists: z.boolean(),
  detail: z.record(z.string(), z.unknown()).nullable(),
  test: z.boolean(),
  created_at: z.string(),
});

export const eventPage = z.object({ data: z.array(eventResource), next_cursor: z.string().nullable() });

export const eventDetailResource = eventResource.extend({ payload: z.record(z.string(), z.unknown()) });

export const eventCatalogue = z
  .array(z.object({ type: z.enum([...SUBSCRIBABLE_EVENT_TYPES, "hook.ping"]), description: z.string() }))
  .readonly();
