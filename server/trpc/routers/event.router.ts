import { z } from "zod";
import {
  countEvents,
  eventCountQuery,
  eventListQuery,
  getEvent,
  listEvents,
} from "@/server/events/event.read";
import { eventCatalogue, eventDetailResource, eventPage } from "@/server/events/event.schema";
import { boundedCount } from "@/server/lib/bounded-count";
import { EVENT_CATALOGUE } from "@/shared/event.catalogue";
import { adminProcedure, router } from "../init";

export const eventRouter = router({
  list: adminProcedure
    .meta({ permission: "events.read" })
    .input(eventListQuery)
    .output(eventPage)
    .query(({ ctx, input }) => listEvents(ctx.db, input)),
  /** How many events the filters match: exact up to a bound, an estimate (exact: false) beyond. */
  count: adminProcedure
    .meta({ permission: "events.read" })
    .input(eventCountQuery)
    .output(boundedCount)
    .query(({ ctx, input }) => countEvents(ctx.db, input)),
  get: adminProcedure
    .meta({ permission: "events.read" })
    .input(z.object({ eventId: z.string().max(64) }))
    .output(eventDetailResource)
    .query(({ ctx, input }) => getEvent(ctx.db, input.eventId)),
  catalogue: adminProcedure
    .meta({ permission: "events.read" })
    .output(eventCatalogue)
    .query(() => EVENT_CATALOGUE),
});
