"use client";
import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { Controller, useFieldArray, useForm } from "react-hook-form";
import { z } from "zod";
import { useTRPC } from "@/components/trpc/client";
import { errorMessage, fieldErrors } from "@/components/trpc/errors";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { ButtonLink } from "@/components/ui/button-link";
import { Field, Input, Select } from "@/components/ui/field";
import { TagInput } from "@/components/ui/tag-input";
import type { Contact } from "./types";

const text = (max: number, label: string) =>
  z.string().trim().max(max, `${label} must be at most ${max} characters.`);

// The server's rules (shared/contact.schema.ts), restated for the form's shape: custom fields as rows.
const schema = z
  .object({
    email: z
      .string()
      .trim()
      .min(1, "Enter an email address.")
      .max(254, "Email must be at most 254 characters.")
      .pipe(z.email("Enter a valid email address.")),
    first_name: text(200, "First name"),
    last_name: text(200, "Last name"),
    phone: text(50, "Phone"),
    status: z.enum(["subscribed", "unsubscribed", "bounced"]),
    tags: z.array(z.string()).max(100, "A contact can have at most 100 tags."),
    fields: z.array(
      z.object({
        key: text(64, "A field name"),
        value: z.string().max(1000, "A value must be at most 1000 characters."),
      }),
    ),
  })
  .superRefine((values, context) => {
    const seen = new Set<string>();
    values.fields.forEach((row, index) => {
      if (row.key === "" && row.value.trim() === "") return;
      if (row.key === "") {
        context.addIssue({ code: "custom", path: ["fields", index, "key"], message: "Name this field." });
      } else if (seen.has(row.key)) {
        context.addIssue({
          code: "custom",
          path: ["fields", index, "key"],
          message: "This field name is used twice.",
        });
      }
      seen.add(row.key);
    });
    const used = values.fields.filter((row) => row.key !== "").length;
    if (used > 50) {
      context.addIssue({
        code: "custom",
        path: ["fields"],
        message: "A contact can have at most 50 custom fields.",
      });
    }
  });
type FormInput = z.input<typeof schema>;
type FormOutput = z.output<typeof schema>;

const FORM_FIELDS = ["email", "first_name", "last_name", "phone", "status"] as const;

function shown(value: unknown): string {
  if (value === null || value === undefined) return "";
  return typeof value === "string" ? value : JSON.stringify(value);
}

type FieldValue = string | number | boolean | null;

function isFieldValue(value: unknown): value is FieldValue {
  return value === null || ["string", "number", "boolean"].includes(typeof value);
}

/** Rows back into the API's object; a value the admin did not touch keeps its type (5 stays 5). */
function toFields(rows: FormOutput["fields"], original: Record<string, unknown>): Record<string, FieldValue> {
  const fields: Record<string, FieldValue> = {};
  for (const row of rows) {
    if (row.key === "") continue;
    const before = original[row.key];
    fields[row.key] = isFieldValue(before) && shown(before) === row.value ? before : row.value;
  }
  return fields;
}

export function ContactForm({ contact }: { contact?: Contact }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const router = useRouter();
  const original = contact?.fields ?? {};
  const form = useForm<FormInput, unknown, FormOutput>({
    resolver: zodResolver(schema),
    defaultValues: {
      email: contact?.email ?? "",
      first_name: contact?.first_name ?? "",
      last_name: contact?.last_name ?? "",
      phone: contact?.phone ?? "",
      status: contact?.status ?? "subscribed",
      tags: contact?.tags ?? [],
      fields: Object.entries(original).map(([key, value]) => ({ key, value: shown(value) })),
    },
  });
  const rows = useFieldArray({ control: form.control, name: "fields" });
  const { errors } = form.formState;

  function saved(next: Contact) {
    queryClient.setQueryData(trpc.contact.get.queryKey({ id: next.id }), next);
    void queryClient.invalidateQueries(trpc.contact.list.pathFilter());
    void queryClient.invalidateQueries(trpc.event.list.pathFilter());
    router.push(`/contacts/${next.id}`);
  }

  /** Server-side validation and conflicts land under the field they are about. */
  function showServerError(error: unknown) {
    const details = fieldErrors(error);
    let placed = false;
    for (const detail of details) {
      const path = detail.path.replace(/^changes\./, "");
      const head = path.split(".")[0] ?? "";
      if ((FORM_FIELDS as readonly string[]).includes(head)) {
        form.setError(
          head as (typeof FORM_FIELDS)[number],
          { type: "server", message: detail.message },
          {
            shouldFocus: !placed,
          },
        );
        placed = true;
      } else if (head === "fields" || head === "tags") {
        form.setError(`root.${head}`, { type: "server", message: detail.message });
        placed = true;
      }
    }
    if (!placed) form.setError("root.server", { type: "server", message: errorMessage(error) });
  }

  const create = useMutation(
    trpc.contact.create.mutationOptions({ onSuccess: saved, onError: showServerError }),
  );
  const update = useMutation(
    trpc.contact.update.mutationOptions({ onSuccess: saved, onError: showServerError }),
  );
  const pending = create.isPending || update.isPending;

  function submit(values: FormOutput) {
    const input = {
      email: values.email,
      first_name: values.first_name,
      last_name: values.last_name,
      phone: values.phone,
      status: values.status,
      tags: values.tags,
      fields: toFields(values.fields, original),
    };
    if (contact) update.mutate({ id: contact.id, changes: input });
    else create.mutate(input);
  }

  return (
    <form onSubmit={form.handleSubmit(submit)} noValidate className="space-y-6">
      {errors.root?.server ? <Alert tone="error">{errors.root.server.message}</Alert> : null}

      <section className="rounded-xl bg-white shadow-sm ring-1 ring-slate-200">
        <h2 className="border-b border-slate-100 px-5 py-3.5 text-sm font-semibold">Contact</h2>
        <div className="grid gap-5 p-5 sm:grid-cols-2">
          <div className="sm:col-span-2">
            <Field label="Email" htmlFor="email" error={errors.email?.message}>
              <Input
                id="email"
                type="email"
                autoComplete="off"
                autoFocus={!contact}
                aria-invalid={!!errors.email}
                aria-describedby={errors.email ? "email-error" : undefined}
                {...form.register("email")}
              />
            </Field>
          </div>
          <Field label="First name" htmlFor="first_name" error={errors.first_name?.message}>
            <Input
              id="first_name"
              autoComplete="off"
              aria-invalid={!!errors.first_name}
              {...form.register("first_name")}
            />
          </Field>
          <Field label="Last name" htmlFor="last_name" error={errors.last_name?.message}>
            <Input
              id="last_name"
              autoComplete="off"
              aria-invalid={!!errors.last_name}
              {...form.register("last_name")}
            />
          </Field>
          <Field label="Phone" htmlFor="phone" error={errors.phone?.message}>
            <Input
              id="phone"
              type="tel"
              autoComplete="off"
              aria-invalid={!!errors.phone}
              {...form.register("phone")}
            />
          </Field>
          <Field label="Status" htmlFor="status" error={errors.status?.message}>
            <Select id="status" {...form.register("status")}>
              <option value="subscribed">Subscribed</option>
              <option value="unsubscribed">Unsubscribed</option>
              <option value="bounced">Bounced</option>
            </Select>
          </Field>
          <div className="sm:col-span-2">
            <label htmlFor="tags" className="mb-1.5 block text-sm font-medium text-slate-700">
              Tags
            </label>
            <Controller
              control={form.control}
              name="tags"
              render={({ field }) => (
                <TagInput
                  id="tags"
                  tags={field.value}
                  onAdd={(tag) => field.onChange([...field.value, tag])}
                  onRemove={(tag) => field.onChange(field.value.filter((existing) => existing !== tag))}
                  error={errors.tags?.message ?? errors.root?.tags?.message}
                />
              )}
            />
          </div>
        </div>
      </section>

      <section className="rounded-xl bg-white shadow-sm ring-1 ring-slate-200">
        <div className="border-b border-slate-100 px-5 py-3.5">
          <h2 className="text-sm font-semibold">Custom fields</h2>
          <p className="mt-0.5 text-xs text-slate-500">
            Anything else worth knowing, like a plan or a company. Sent to hooks with the contact.
          </p>
        </div>
        <div className="space-y-3 p-5">
          {rows.fields.length === 0 ? <p className="text-sm text-slate-500">No custom fields.</p> : null}
          {rows.fields.map((row, index) => {
            const rowErrors = errors.fields?.[index];
            return (
              <div key={row.id} className="grid grid-cols-[1fr_2fr_auto] items-start gap-3">
                <div>
                  <Input
                    aria-label={`Field ${index + 1} name`}
                    placeholder="Name, e.g. plan"
                    aria-invalid={!!rowErrors?.key}
                    {...form.register(`fields.${index}.key`)}
                  />
                  {rowErrors?.key ? (
                    <p role="alert" className="mt-1 text-sm text-red-600">
                      {rowErrors.key.message}
                    </p>
                  ) : null}
                </div>
                <div>
                  <Input
                    aria-label={`Field ${index + 1} value`}
                    placeholder="Value"
                    aria-invalid={!!rowErrors?.value}
                    {...form.register(`fields.${index}.value`)}
                  />
                  {rowErrors?.value ? (
                    <p role="alert" className="mt-1 text-sm text-red-600">
                      {rowErrors.value.message}
                    </p>
                  ) : null}
                </div>
                <Button
                  variant="ghost"
                  onClick={() => rows.remove(index)}
                  aria-label={`Remove field ${index + 1}`}
                  className="h-9 w-9 p-0 text-lg leading-none"
                >
                  <span aria-hidden="true">×</span>
                </Button>
              </div>
            );
          })}
          {errors.fields?.message || errors.root?.fields ? (
            <p role="alert" className="text-sm text-red-600">
              {errors.fields?.message ?? errors.root?.fields?.message}
            </p>
          ) : null}
          <Button variant="secondary" size="sm" onClick={() => rows.append({ key: "", value: "" })}>
            Add field
          </Button>
        </div>
      </section>

      <div className="flex items-center justify-end gap-2">
        <ButtonLink variant="ghost" href={contact ? `/contacts/${contact.id}` : "/contacts"}>
          Cancel
        </ButtonLink>
        <Button type="submit" disabled={pending}>
          {pending ? "Saving…" : contact ? "Save changes" : "Create contact"}
        </Button>
      </div>
    </form>
  );
}
