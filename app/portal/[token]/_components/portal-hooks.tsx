"use client";
// The portal's home: the key's hooks, and a new one made through the real handshake.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import {
  HookForm,
  type HookFormValues,
  hookRefusalHelp,
  NEW_HOOK,
} from "@/app/(admin)/hooks/_components/hook-form";
import { SecretReveal } from "@/app/(admin)/hooks/_components/secret-reveal";
import { errorCode, errorMessage, fieldErrors } from "@/components/trpc/errors";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { ButtonLink } from "@/components/ui/button-link";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { RelativeTime } from "@/components/ui/relative-time";
import { portalHref } from "./portal-href";
import { usePortalTRPC } from "./portal-trpc";

const STATUS_TONES = { active: "green", pending: "amber", disabled: "neutral" } as const;

export function PortalHooks({ token }: { token: string }) {
  const trpc = usePortalTRPC();
  const queryClient = useQueryClient();
  const hooks = useQuery(trpc.hooks.list.queryOptions({}));
  const [creating, setCreating] = useState(false);
  const [last, setLast] = useState<HookFormValues>(NEW_HOOK);
  const create = useMutation(
    trpc.hooks.create.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries(trpc.hooks.pathFilter()),
    }),
  );
  const created = create.data;
  const help = hookRefusalHelp(errorCode(create.error));

  return (
    <div className="space-y-6">
      <div className="flex items-center justify-between gap-4">
        <h1 className="text-xl font-semibold text-slate-900">Hooks</h1>
        {!creating ? (
          <Button
            onClick={() => {
              create.reset();
              setCreating(true);
            }}
          >
            New hook
          </Button>
        ) : null}
      </div>

      {created ? (
        <Card title={`Hook created: ${created.name ?? created.target_url}`} description={created.target_url}>
          <div className="space-y-4" data-testid="hook-created">
            <Alert tone={created.status === "active" ? "success" : "warning"}>
              {created.status === "active"
                ? "The target answered the handshake and echoed X-Hook-Secret: the hook is active."
                : "The target answered the handshake but did not echo X-Hook-Secret: confirm the hook on its page with the secret below."}
            </Alert>
            <SecretReveal secret={created.secret} />
            <div className="flex gap-2">
              <ButtonLink href={portalHref(token, `/hooks/${created.id}`)}>Open hook</ButtonLink>
              <Button variant="secondary" onClick={() => create.reset()}>
                Done
              </Button>
            </div>
          </div>
        </Card>
      ) : creating ? (
        <Card title="New hook" description="Hookline POSTs a handshake to the target and waits for a 2xx.">
          {create.error && help ? (
            <div className="mb-5" data-testid="create-refused">
              <Alert tone="error">
                <strong className="font-semibold">{errorMessage(create.error)}</strong>
                <span className="mt-1 block">{help}</span>
              </Alert>
            </div>
          ) : null}
          <HookForm
            initial={last}
            submitLabel="Create hook"
            pendingLabel="Verifying the target…"
            pending={create.isPending}
            serverError={
              create.error && !help && fieldErrors(create.error).length === 0
                ? errorMessage(create.error)
                : null
            }
            serverFieldErrors={help ? [] : fieldErrors(create.error)}
            onCancel={() => setCreating(false)}
            onSubmit={(values) => {
              setLast(values);
              create.mutate(
                {
                  target_url: values.target_url,
                  events: values.events,
                  sources: values.sources,
                  payload: values.payload,
                  format: values.format === "text" ? undefined : values.format,
                  ordered: values.ordered,
                  on_gone: values.on_gone,
                  name: values.name || null,
                },
                { onSuccess: () => setCreating(false) },
              );
            }}
          />
        </Card>
      ) : null}

      {hooks.error ? <Alert tone="error">{errorMessage(hooks.error)}</Alert> : null}
      {hooks.data && hooks.data.data.length === 0 ? (
        <EmptyState title="No hooks yet" description="Create one to receive contact events at your URL." />
      ) : null}
      {hooks.data && hooks.data.data.length > 0 ? (
        <Card padded={false}>
          <ul className="divide-y divide-slate-100">
            {hooks.data.data.map((hook) => (
              <li key={hook.id} className="flex flex-wrap items-center justify-between gap-3 px-5 py-3">
                <div className="min-w-0">
                  <Link
                    href={portalHref(token, `/hooks/${hook.id}`)}
                    className="font-medium text-brand-700 hover:underline"
                  >
                    {hook.name ?? hook.target_url}
                  </Link>
                  <p className="truncate text-xs text-slate-500">
                    {hook.target_url} · {hook.events.join(", ")}
                  </p>
                </div>
                <div className="flex items-center gap-3 text-xs text-slate-500">
                  <span>
                    {hook.stats.delivered} delivered · {hook.stats.failed} failed
                  </span>
                  {hook.stats.last_delivery_at ? <RelativeTime iso={hook.stats.last_delivery_at} /> : null}
                  <Badge tone={STATUS_TONES[hook.status]}>{hook.status}</Badge>
                </div>
              </li>
            ))}
          </ul>
        </Card>
      ) : null}
    </div>
  );
}
