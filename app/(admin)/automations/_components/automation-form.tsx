"use client";
import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useEffect } from "react";
import { useForm } from "react-hook-form";
import { z } from "zod";
import { useTRPC } from "@/components/trpc/client";
import { errorMessage, fieldErrors } from "@/components/trpc/errors";
import type { RouterOutputs } from "@/components/trpc/router-types";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Field, Input, Select } from "@/components/ui/field";
import { automationRuleInput, MAX_DELAY_MINUTES } from "@/shared/automation.schema";
import { CONTACT_STATUSES, tagName } from "@/shared/contact.schema";
import { delayMinutes, splitDelay } from "./delay";

/** A tag field of the form: empty (none) or a tag by the contacts' own rule, with its messages. */
const optionalTag = z
  .string()
  .trim()
  .superRefine((value, context) => {
    if (value === "") return;
    for (const issue of tagName.safeParse(value).error?.issues ?? []) {
      context.addIssue({ code: "custom", message: issue.message });
    }
  });

// The server's rules (shared/automation.schema.ts) for the form's shape: text inputs, "" for none.
const schema = z
  .object({
    name: automationRuleInput.shape.name,
    trigger_tag: z.string().trim().min(1, "Which tag starts the rule?").pipe(tagName),
    delay_amount: z.string().trim().regex(/^\d+$/, "Enter a whole number."),
    delay_unit: z.enum(["minutes", "hours", "days"]),
    set_status: z.enum(["", ...CONTACT_STATUSES]),
    add_tag: optionalTag,
  })
  .superRefine((values, context) => {
    if (delayMinutes(Number(values.delay_amount), values.delay_unit) > MAX_DELAY_MINUTES) {
      context.addIssue({
        code: "custom",
        path: ["delay_amount"],
        message: "The wait can be at most a year.",
      });
    }
    if (values.set_status === "" && values.add_tag === "") {
      context.addIssue({
        code: "custom",
        path: ["set_status"],
        message: "Choose a status to set, a tag to add, or both.",
      });
    }
    if (values.add_tag !== "" && values.add_tag === values.trigger_tag) {
      context.addIssue({
        code: "custom",
        path: ["add_tag"],
        message: "The tag to add must differ from the trigger tag.",
      });
    }
  });
type FormValues = z.input<typeof schema>;

const EMPTY: FormValues = {
  name: "",
  trigger_tag: "",
  delay_amount: "1",
  delay_unit: "hours",
  set_status: "",
  add_tag: "",
};

export type AutomationRule = RouterOutputs["automation"]["list"][number];

function formValues(rule: AutomationRule): FormValues {
  const { amount, unit } = splitDelay(rule.delay_minutes);
  return {
    name: rule.name,
    trigger_tag: rule.trigger_tag,
    delay_amount: String(amount),
    delay_unit: unit,
    set_status: rule.set_status ?? "",
    add_tag: rule.add_tag ?? "",
  };
}

/** Creates a rule, or with `editing` changes that one (`onDone` when saved or cancelled). */
export function AutomationForm({
  editing,
  onDone,
}: {
  editing?: AutomationRule | null;
  onDone?: () => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const form = useForm<FormValues>({ resolver: zodResolver(schema), defaultValues: EMPTY });
  useEffect(() => form.reset(editing ? formValues(editing) : EMPTY), [editing, form]);
  const options = {
    onSuccess: async () => {
      form.reset(EMPTY);
      onDone?.();
      await queryClient.invalidateQueries({ queryKey: trpc.automation.list.queryKey() });
    },
    onError: (error: Parameters<typeof fieldErrors>[0]) => {
      for (const detail of fieldErrors(error)) {
        const path = detail.path === "delay_minutes" ? "delay_amount" : detail.path;
        if (path in EMPTY) form.setError(path as keyof FormValues, { message: detail.message });
      }
    },
  };
  const create = useMutation(trpc.automation.create.mutationOptions(options));
  const update = useMutation(trpc.automation.update.mutationOptions(options));
  const saving = editing ? update : create;
  const errors = form.formState.errors;

  const submit = form.handleSubmit((values) => {
    const parsed = schema.parse(values);
    const rule = {
      name: parsed.name,
      trigger_tag: parsed.trigger_tag,
      delay_minutes: delayMinutes(Number(parsed.delay_amount), parsed.delay_unit),
      set_status: parsed.set_status === "" ? null : parsed.set_status,
      add_tag: parsed.add_tag === "" ? null : parsed.add_tag,
    };
    if (editing) update.mutate({ id: editing.id, rule });
    else create.mutate(rule);
  });

  return (
    <Card
      title={editing ? `Edit “${editing.name}”` : "New rule"}
      description={editing ? "A new trigger tag starts from now, like a new rule." : undefined}
    >
      <form onSubmit={(event) => void submit(event)} className="space-y-4" noValidate>
        {saving.error && fieldErrors(saving.error).length === 0 ? (
          <Alert tone="error">{errorMessage(saving.error)}</Alert>
        ) : null}
        <Field label="Name" htmlFor="rule-name" error={errors.name?.message}>
          <Input
            id="rule-name"
            placeholder="Trial ends"
            aria-invalid={!!errors.name}
            {...form.register("name")}
          />
        </Field>
        <Field label="When a contact gets the tag" htmlFor="rule-trigger" error={errors.trigger_tag?.message}>
          <Input
            id="rule-trigger"
            placeholder="trial"
            aria-invalid={!!errors.trigger_tag}
            {...form.register("trigger_tag")}
          />
        </Field>
        <Field
          label="Wait"
          htmlFor="rule-delay"
          error={errors.delay_amount?.message}
          hint="0 acts at the next run (every 15 seconds)."
        >
          <div className="flex gap-2">
            <Input
              id="rule-delay"
              inputMode="numeric"
              className="w-24"
              aria-invalid={!!errors.delay_amount}
              {...form.register("delay_amount")}
            />
            <Select aria-label="Unit of the wait" className="flex-1" {...form.register("delay_unit")}>
              <option value="minutes">minutes</option>
              <option value="hours">hours</option>
              <option value="days">days</option>
            </Select>
          </div>
        </Field>
        <Field label="Then set the status to" htmlFor="rule-status" error={errors.set_status?.message}>
          <Select id="rule-status" aria-invalid={!!errors.set_status} {...form.register("set_status")}>
            <option value="">Leave the status as it is</option>
            <option value="subscribed">Subscribed</option>
            <option value="unsubscribed">Unsubscribed</option>
            <option value="bounced">Bounced</option>
          </Select>
        </Field>
        <Field
          label="And add the tag"
          htmlFor="rule-add-tag"
          error={errors.add_tag?.message}
          hint="Optional."
        >
          <Input
            id="rule-add-tag"
            placeholder="trial-over"
            aria-invalid={!!errors.add_tag}
            {...form.register("add_tag")}
          />
        </Field>
        <div className="flex gap-2">
          <Button type="submit" className="flex-1" disabled={saving.isPending}>
            {saving.isPending ? "Saving…" : editing ? "Save rule" : "Create rule"}
          </Button>
          {editing ? (
            <Button type="button" variant="secondary" onClick={onDone}>
              Cancel
            </Button>
          ) : null}
        </div>
      </form>
    </Card>
  );
}
