"use client";
import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect } from "react";
import { useForm } from "react-hook-form";
import { z } from "zod";
import { useTRPC } from "@/components/trpc/client";
import { errorMessage, fieldErrors } from "@/components/trpc/errors";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Field, Input } from "@/components/ui/field";
import { brandingInput } from "@/shared/branding.schema";
import { NotAllowed, usePermission } from "../../_components/role";

// The form edits text: an empty logo field is "no logo", and the address itself is checked by the
// server (its answer lands on the field like any other).
const schema = brandingInput.extend({ logo_url: z.string() });
type Values = z.input<typeof schema>;

const TEXT_FIELDS: Array<[keyof Values, string, string?]> = [
  ["subscribe_title", "Subscribe page heading"],
  ["subscribe_text", "Subscribe page text", "Under the heading; may be empty."],
  ["subscribe_done", "After subscribing", "What someone reads once they are on the list."],
  ["footer", "Footer line", "Under the card on the subscribe and unsubscribe pages; may be empty."],
];

/** Name, logo, colour and copy of /subscribe and the unsubscribe link's pages. */
export function BrandingCard() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const branding = useQuery(trpc.settings.branding.queryOptions());
  const form = useForm<Values>({ resolver: zodResolver(schema) });
  useEffect(() => {
    if (branding.data) form.reset({ ...branding.data, logo_url: branding.data.logo_url ?? "" });
  }, [branding.data, form]);
  const save = useMutation(
    trpc.settings.saveBranding.mutationOptions({
      onSuccess: (saved) => queryClient.setQueryData(trpc.settings.branding.queryKey(), saved),
      onError: (error) => {
        for (const detail of fieldErrors(error))
          form.setError(detail.path as keyof Values, { message: detail.message });
      },
    }),
  );
  const errors = form.formState.errors;
  const color = form.watch("color");
  const permission = usePermission("settings.write");

  return (
    <Card title="Public pages" description="How /subscribe and the unsubscribe link's pages introduce you.">
      {branding.error ? <Alert tone="error">{errorMessage(branding.error)}</Alert> : null}
      <form
        className="space-y-4"
        noValidate
        onSubmit={form.handleSubmit((values) =>
          save.mutate({ ...values, logo_url: values.logo_url.trim() === "" ? null : values.logo_url.trim() }),
        )}
      >
        {permission.reason ? <NotAllowed action="settings.write" /> : null}
        {/* A disabled fieldset disables every control in it: read-only for who may not save. */}
        <fieldset disabled={!permission.allowed} className="space-y-4">
          <Field label="Name" htmlFor="brand-name" error={errors.name?.message}>
            <Input id="brand-name" aria-invalid={!!errors.name} {...form.register("name")} />
          </Field>
          <Field
            label="Logo address"
            htmlFor="brand-logo"
            error={errors.logo_url?.message}
            hint="An https:// image, shown at 32 px. Empty shows the name's first letter."
          >
            <Input
              id="brand-logo"
              placeholder="https://"
              aria-invalid={!!errors.logo_url}
              {...form.register("logo_url")}
            />
          </Field>
          <Field
            label="Colour"
            htmlFor="brand-color"
            error={errors.color?.message}
            hint="Buttons and the letter mark."
          >
            <div className="flex items-center gap-2">
              <Input
                id="brand-color"
                className="w-32 font-mono"
                aria-invalid={!!errors.color}
                {...form.register("color")}
              />
              <span
                aria-hidden="true"
                className="h-9 w-9 rounded-md ring-1 ring-slate-300 ring-inset"
                style={{ background: /^#[0-9a-fA-F]{6}$/.test(color ?? "") ? color : "transparent" }}
              />
            </div>
          </Field>
          {TEXT_FIELDS.map(([name, label, hint]) => (
            <Field
              key={name}
              label={label}
              htmlFor={`brand-${name}`}
              error={errors[name]?.message}
              {...(hint ? { hint } : {})}
            >
              <Input id={`brand-${name}`} aria-invalid={!!errors[name]} {...form.register(name)} />
            </Field>
          ))}
        </fieldset>
        {save.error && fieldErrors(save.error).length === 0 ? (
          <Alert tone="error">{errorMessage(save.error)}</Alert>
        ) : null}
        {save.isSuccess && !form.formState.isDirty ? (
          <Alert tone="success">Saved. The public pages show it now.</Alert>
        ) : null}
        <div className="flex flex-wrap items-center gap-3">
          <Button
            type="submit"
            variant="secondary"
            disabled={save.isPending || !branding.data || !permission.allowed}
            title={permission.reason}
          >
            {save.isPending ? "Saving…" : "Save public pages"}
          </Button>
          <a
            href="/subscribe"
            target="_blank"
            rel="noopener"
            className="text-sm text-brand-700 hover:underline"
          >
            Open /subscribe
          </a>
        </div>
      </form>
    </Card>
  );
}
