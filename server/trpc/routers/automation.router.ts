import { z } from "zod";
import {
  createAutomationRule,
  deleteAutomationRule,
  listAutomationRules,
  setAutomationRuleStatus,
  updateAutomationRule,
} from "@/server/automations/automation.service";
import { automationRuleId, automationRuleInput, automationRuleResource } from "@/shared/automation.schema";
import { adminProcedure, router } from "../init";

export const automationRouter = router({
  list: adminProcedure
    .meta({ permission: "automations.read" })
    .output(z.array(automationRuleResource))
    .query(({ ctx }) => listAutomationRules(ctx.db)),
  create: adminProcedure
    .meta({ permission: "automations.write" })
    .input(automationRuleInput)
    .output(automationRuleResource)
    .mutation(({ ctx, input }) =>
      createAutomationRule(ctx.db, { input, createdBy: ctx.user.id, actor: ctx.actor }),
    ),
  update: adminProcedure
    .meta({ permission: "automations.write" })
    .input(z.object({ id: automationRuleId.shape.id, rule: automationRuleInput }))
    .output(automationRuleResource)
    .mutation(({ ctx, input }) =>
      updateAutomationRule(ctx.db, { id: input.id, input: input.rule, actor: ctx.actor }),
    ),
  pause: adminProcedure
    .meta({ permission: "automations.write" })
    .input(automationRuleId)
    .output(z.void())
    .mutation(({ ctx, input }) =>
      setAutomationRuleStatus(ctx.db, { id: input.id, status: "paused", actor: ctx.actor }),
    ),
  resume: adminProcedure
    .meta({ permission: "automations.write" })
    .input(automationRuleId)
    .output(z.void())
    .mutation(({ ctx, input }) =>
      setAutomationRuleStatus(ctx.db, { id: input.id, status: "active", actor: ctx.actor }),
    ),
  delete: adminProcedure
    .meta({ permission: "automations.write" })
    .input(automationRuleId)
    .output(z.void())
    .mutation(({ ctx, input }) => deleteAutomationRule(ctx.db, { id: input.id, actor: ctx.actor })),
});
