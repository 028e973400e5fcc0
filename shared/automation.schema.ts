// What an automation rule may look like: "when a contact gets tag X, after N minutes set status Y
// and/or add tag Z".
import { z } from "zod";
import { contactStatus, tagName } from "@/shared/contact.schema";

export const MAX_DELAY_MINUTES = 60 * 24 * 365;

export const automationRuleInput = z
  .object({
    name: z
      .string()
      .trim()
      .min(1, "Give the rule a name.")
      .max(100, "A name must be at most 100 characters."),
    trigger_tag: tagName,
    delay_minutes: z
      .number({ error: "Enter a number of minutes." })
      .int("Enter a whole number of minutes.")
      .min(0, "The delay cannot be negative.")
      .max(MAX_DELAY_MINUTES, "The delay can be at most a year."),
    set_status: contactStatus.nullable().default(null),
    add_tag: tagName.nullable().default(null),
  })
  .superRefine((rule, ctx) => {
    if (rule.set_status === null && rule.add_tag === null) {
      ctx.addIssue({
        code: "custom",
        path: ["set_status"],
        message: "Choose a status to set, a tag to add, or both.",
      });
    }
    if (rule.add_tag !== null && rule.add_tag === rule.trigger_tag) {
      ctx.addIssue({
        code: "custom",
        path: ["add_tag"],
        message: "The tag to add must differ from the trigger tag.",
      });
    }
  });
export type AutomationRuleInput = z.infer<typeof automationRuleInput>;

export const automationRuleId = z.object({ id: z.string().max(64) });

export interface AutomationRuleResource {
  id: string;
  name: string;
  trigger_tag: string;
  delay_minutes: number;
  set_status: "subscribed" | "unsubscribed" | "bounced" | null;
  add_tag: string | null;
  status: "active" | "paused";
  /** Contacts the rule has changed so far. */
  applied_count: number;
  created_at: string;
}

/** What the automation procedures answer (`.output()`): a rule as the page lists it. */
export const automationRuleResource = z.object({
  id: z.string(),
  name: z.string(),
  trigger_tag: z.string(),
  delay_minutes: z.number().int(),
  set_status: z.enum(["subscribed", "unsubscribed", "bounced"]).nullable(),
  add_tag: z.string().nullable(),
  status: z.enum(["active", "paused"]),
  applied_count: z.number().int(),
  created_at: z.string(),
});
