"use client";
import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useForm } from "react-hook-form";
import { z } from "zod";
import { useTRPC } from "@/components/trpc/client";
import { errorMessage, fieldErrors } from "@/components/trpc/errors";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Field, Input, Select } from "@/components/ui/field";
import { automationRuleInput, MAX_DELAY_MINUTES } from "@/server/automations/automation.schema";
import { CONTACT_STATUSES, tagName } from "@/server/contacts/contact.schema";

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

// The server's rules (automation.schema.ts) for the form's shape: text inputs, "" for none.
const schema = z
  .object({
    name: automationRuleInput.shape.name,
    trigger_tag: z.string().trim().min(1, "Which tag starts the rule?").pipe(tagName),
    delay_minutes: z
      .string()
      .trim()
      .regex(/^\d+$/, "Enter a whole number of minutes.")
      .refine((value) => Number(value) <= MAX_DELAY_MINUTES, "The delay can be at most a year."),
    set_status: z.enum(["", ...CONTACT_STATUSES]),
    add_tag: optionalTag,
  })
  .superRefine((values, context) => {
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

const EMPTY: FormValues = { name: "", trigger_tag: "", delay_minutes: "60", set_status: "", add_tag: "" };

export function AutomationForm() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const form = useForm<FormValues>({ resolver: zodResolver(schema), defaultValues: EMPTY });
  const create = useMutation(
    trpc.automation.create.mutationOptions({
      onSuccess: async () => {
        form.reset(EMPTY);
        await queryClient.invalidateQueries({ queryKey: trpc.automation.list.queryKey() });
      },
      onError: (error) => {
        for (const detail of fieldErrors(error)) {
          if (detail.path in EMPTY)
            form.setError(detail.path as keyof FormValues, { message: detail.message });
        }
      },
    }),
  );
  const errors = form.formState.errors;

  const submit = form.handleSubmit((values) => {
    const parsed = schema.parse(values);
    create.mutate({
      name: parsed.name,
      trigger_tag: parsed.trigger_tag,
      delay_minutes: Number(parsed.delay_minutes),
      set_status: parsed.set_status === "" ? null : parsed.set_status,
      add_tag: parsed.add_tag === "" ? null : parsed.add_tag,
    });
  });

  return (
    <Card title="New rule">
      <form onSubmit={(event) => void submit(event)} className="space-y-4" noValidate>
        {create.error && fieldErrors(create.error).length === 0 ? (
          <Alert tone="error">{errorMessage(create.error)}</Alert>
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
          label="Wait (minutes)"
          htmlFor="rule-delay"
          error={errors.delay_minutes?.message}
          hint="0 acts at the next run (every 15 seconds); 1440 is a day."
        >
          <Input
            id="rule-delay"
            inputMode="numeric"
            aria-invalid={!!errors.delay_minutes}
            {...form.register("delay_minutes")}
          />
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
        <Button type="submit" className="w-full" disabled={create.isPending}>
          {create.isPending ? "Creating…" : "Create rule"}
        </Button>
      </form>
    </Card>
  );
}
