import { z } from "zod";
import {
  eventDeliveriesInput,
  eventDeliveriesPage,
  listEventDeliveries,
} from "@/server/dashboard/event-deliveries";
import { EVENT_CATALOGUE } from "@/server/events/event.catalogue";
import { eventListQuery, getEvent, listEvents } from "@/server/events/event.service";
import { adminProcedure, router } from "../init";

export const eventRouter = router({
  list: adminProcedure.input(eventListQuery).query(({ ctx, input }) => listEvents(ctx.db, input)),
  get: adminProcedure
    .input(z.object({ eventId: z.string().max(64) }))
    .query(({ ctx, input }) => getEvent(ctx.db, input.eventId)),
  deliveries: adminProcedure
    .input(eventDeliveriesInput)
    .output(eventDeliveriesPage)
    .query(({ ctx, input }) => listEventDeliveries(ctx.db, input)),
  catalogue: adminProcedure.query(() => EVENT_CATALOGUE),
});
