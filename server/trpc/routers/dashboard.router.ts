// The admin UI's charts: the dashboard, and each hook's activity from the delivery rollups. (The
// deliveries themselves are read through the delivery router.)
import { z } from "zod";
import {
  activity,
  dashboardOverview,
  hookActivityInput,
  hookSparklines,
  hookSparklinesInput,
} from "@/server/dashboard/dashboard.schema";
import {
  getDashboardOverview,
  getHookActivity,
  getHookSparklines,
} from "@/server/dashboard/dashboard.service";
import { adminProcedure, router } from "../init";

export const dashboardRouter = router({
  overview: adminProcedure
    .meta({ permission: "deliveries.read" })
    .input(z.void())
    .output(dashboardOverview)
    .query(({ ctx }) => getDashboardOverview(ctx.db)),
  hookActivity: adminProcedure
    .meta({ permission: "deliveries.read" })
    .input(hookActivityInput)
    .output(activity)
    .query(({ ctx, input }) => getHookActivity(ctx.db, { hookId: input.hookId, range: input.range })),
  hookSparklines: adminProcedure
    .meta({ permission: "deliveries.read" })
    .input(hookSparklinesInput)
    .output(hookSparklines)
    .query(({ ctx, input }) => getHookSparklines(ctx.db, { hookIds: input.hookIds })),
});
