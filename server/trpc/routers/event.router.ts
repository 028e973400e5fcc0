import { EVENT_CATALOGUE } from "@/server/events/event.catalogue";
import { eventListQuery, listEvents } from "@/server/events/event.service";
import { adminProcedure, router } from "../init";

export const eventRouter = router({
  list: adminProcedure.input(eventListQuery).query(({ ctx, input }) => listEvents(ctx.db, input)),
  catalogue: adminProcedure.query(() => EVENT_CATALOGUE),
});
