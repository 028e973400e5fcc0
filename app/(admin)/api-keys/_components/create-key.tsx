"use client";
// Creating a key — its name, what it may do, how long it lasts — and the one time its secret is shown.
import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { z } from "zod";
import { useTRPC } from "@/components/trpc/client";
import { errorMessage, fieldErrors } from "@/components/trpc/errors";
import { Button } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";
import { Field, Input, Select } from "@/components/ui/field";
import { RelativeTime } from "@/components/ui/relative-time";
import { type ScopeChoice, ScopeList, ScopePicker, scopeChoiceProblem } from "./scope-picker";

export const keyName = z
  .string()
  .trim()
  .min(1, "Give the key a name.")
  .max(100, "Use at most 100 characters for the name.");
const createSchema = z.object({ name: keyName });

const DAY_MS = 86_400_000;
/** Expiry choices, in days from now; 0 is never. */
const EXPIRY_CHOICES = [
  { days: 0, label: "Never" },
  { days: 7, label: "In 7 days" },
  { days: 30, label: "In 30 days" },
  { days: 90, label: "In 90 days" },
  { days: 365, label: "In 1 year" },
] as const;

export function CreateKey() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [scopes, setScopes] = useState<ScopeChoice>(null);
  const [scopeProblem, setScopeProblem] = useState<string | null>(null);
  const [expiryDays, setExpiryDays] = useState(0);
  const form = useForm<z.input<typeof createSchema>, unknown, z.output<typeof createSchema>>({
    resolver: zodResolver(createSchema),
    defaultValues: { name: "" },
  });
  const create = useMutation(
    trpc.apiKey.create.mutationOptions({
      onSuccess: () => {
        form.reset();
        setScopes(null);
        setExpiryDays(0);
        void queryClient.invalidateQueries(trpc.apiKey.list.pathFilter());
      },
      onError: (error) => {
        const details = fieldErrors(error);
        const scopeDetail = details.find((item) => item.path.startsWith("scopes"));
        if (scopeDetail) return setScopeProblem(scopeDetail.message);
        const nameDetail = details.find((item) => item.path === "name");
        form.setError("name", { type: "server", message: nameDetail?.message ?? errorMessage(error) });
      },
    }),
  );
  const { errors } = form.formState;
  const created = create.data;

  if (created) {
    return (
      <section aria-labelledby="new-key-heading" className="rounded-xl bg-amber-50 p-5 ring-1 ring-amber-200">
        <h2 id="new-key-heading" className="text-sm font-semibold text-amber-900">
          Your new key “{created.apiKey.name}”
        </h2>
        <p className="mt-1 text-sm text-amber-800">
          Copy it now and keep it somewhere safe. <strong>This is the only time it is shown</strong>: Hookline
          keeps only a hash of it.
        </p>
        <div className="mt-4 flex flex-wrap items-center gap-3">
          <code
            data-testid="new-api-key"
            className="rounded-md bg-white px-3 py-2 font-mono text-sm break-all text-slate-900 ring-1 ring-amber-200 select-all"
          >
            {created.secret}
          </code>
          <CopyButton value={created.secret} label="Copy key" size="md" />
        </div>
        <dl className="mt-3 flex flex-wrap items-center gap-x-3 gap-y-1 text-sm text-amber-900">
          <dt className="font-medium">Access</dt>
          <dd>
            <ScopeList scopes={created.apiKey.scopes} />
          </dd>
          <dt className="font-medium">Expires</dt>
          <dd>
            {created.apiKey.expires_at ? <RelativeTime iso={created.apiKey.expires_at} ahead /> : "Never"}
          </dd>
        </dl>
        <div className="mt-4">
          {/* Resetting the mutation drops the secret from memory, not just from the screen. */}
          <Button variant="secondary" onClick={() => create.reset()}>
            I have stored it
          </Button>
        </div>
      </section>
    );
  }

  return (
    <form
      onSubmit={form.handleSubmit((values) => {
        const problem = scopeChoiceProblem(scopes);
        if (problem) return setScopeProblem(problem);
        create.mutate({
          name: values.name,
          scopes,
          expires_at: expiryDays ? new Date(Date.now() + expiryDays * DAY_MS).toISOString() : null,
        });
      })}
      noValidate
      className="space-y-5 rounded-xl bg-white p-5 shadow-sm ring-1 ring-slate-200"
    >
      <div className="flex flex-wrap items-start gap-4">
        <div className="min-w-64 flex-1 sm:max-w-sm">
          <Field
            label="New key name"
            htmlFor="api-key-name"
            error={errors.name?.message}
            hint="Who will use it, e.g. “Zapier” or “Billing backend”."
          >
            <Input
              id="api-key-name"
              autoComplete="off"
              aria-invalid={!!errors.name}
              {...form.register("name")}
            />
          </Field>
        </div>
        <div className="w-56">
          <Field label="Expires" htmlFor="api-key-expiry" hint="Refused from then on, like a revoked key.">
            <Select
              id="api-key-expiry"
              value={expiryDays}
              onChange={(event) => setExpiryDays(Number(event.target.value))}
            >
              {EXPIRY_CHOICES.map((choice) => (
                <option key={choice.days} value={choice.days}>
                  {choice.label}
                </option>
              ))}
            </Select>
          </Field>
        </div>
      </div>
      <ScopePicker
        value={scopes}
        onChange={(next) => {
          setScopes(next);
          setScopeProblem(null);
        }}
        error={scopeProblem}
      />
      <Button type="submit" disabled={create.isPending}>
        {create.isPending ? "Creating…" : "Create key"}
      </Button>
    </form>
  );
}
