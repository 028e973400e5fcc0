"use client";
// One of the key's hooks in the portal: its settings, what it was sent, and every action the key
// may take on it — edit, disable/enable, delete, rotate the secret (shown once), confirm, ping,
// send an example event, recover failed deliveries since a time.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { type FormEvent, useState } from "react";
import { HookForm, hookFormValues } from "@/app/(admin)/hooks/_components/hook-form";
import { SecretReveal } from "@/app/(admin)/hooks/_components/secret-reveal";
import { DeliveryStatusBadge } from "@/components/deliveries/delivery-badges";
import { errorMessage, fieldErrors } from "@/components/trpc/errors";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Field, Input, Select } from "@/components/ui/field";
import { RelativeTime } from "@/components/ui/relative-time";
import { SUBSCRIBABLE_EVENT_TYPES, type SubscribableEventType } from "@/shared/event.catalogue";
import { portalHref } from "./portal-href";
import { usePortalTRPC } from "./portal-trpc";

function useRefresh() {
  const trpc = usePortalTRPC();
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries(trpc.hooks.pathFilter()),
      queryClient.invalidateQueries(trpc.deliveries.pathFilter()),
    ]);
}

export function PortalHook({ token, hookId }: { token: string; hookId: string }) {
  const trpc = usePortalTRPC();
  const router = useRouter();
  const refresh = useRefresh();
  const hook = useQuery(trpc.hooks.get.queryOptions({ id: hookId }));
  const [editing, setEditing] = useState(false);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const [confirmRotate, setConfirmRotate] = useState(false);
  const [confirmSecret, setConfirmSecret] = useState("");
  const [example, setExample] = useState<SubscribableEventType>("contact.created");

  const update = useMutation(trpc.hooks.update.mutationOptions({ onSuccess: refresh }));
  const disable = useMutation(trpc.hooks.disable.mutationOptions({ onSuccess: refresh }));
  const enable = useMutation(trpc.hooks.enable.mutationOptions({ onSuccess: refresh }));
  const activate = useMutation(trpc.hooks.activate.mutationOptions({ onSuccess: refresh }));
  const rotate = useMutation(trpc.hooks.rotateSecret.mutationOptions());
  const remove = useMutation(
    trpc.hooks.delete.mutationOptions({
      onSuccess: async () => {
        await refresh();
        router.push(portalHref(token));
      },
    }),
  );
  const ping = useMutation(trpc.deliveries.ping.mutationOptions({ onSuccess: refresh }));
  const sendTest = useMutation(trpc.deliveries.sendTest.mutationOptions({ onSuccess: refresh }));

  if (hook.error) return <Alert tone="error">{errorMessage(hook.error)}</Alert>;
  if (!hook.data) return <p className="text-sm text-slate-500">Loading…</p>;
  const current = hook.data;
  const toggle = current.status === "disabled" ? enable : disable;
  const actionError = [toggle, rotate, ping, sendTest, activate].find((mutation) => mutation.error)?.error;

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div className="min-w-0">
          <Link href={portalHref(token)} className="text-sm text-slate-500 hover:underline">
            ← Hooks
          </Link>
          <h1 className="mt-1 flex items-center gap-2 text-xl font-semibold text-slate-900">
            <span className="truncate">{current.name ?? current.target_url}</span>
            <Badge
              tone={
                current.status === "active" ? "green" : current.status === "pending" ? "amber" : "neutral"
              }
            >
              {current.status}
            </Badge>
          </h1>
          <p className="text-sm break-all text-slate-500">
            {current.target_url} · <code className="font-mono text-xs">{current.id}</code>
          </p>
        </div>
        <div className="flex flex-wrap gap-2">
          <Button variant="secondary" onClick={() => setEditing((on) => !on)}>
            {editing ? "Close editor" : "Edit"}
          </Button>
          <Button
            variant="secondary"
            disabled={ping.isPending || current.status === "disabled"}
            onClick={() => ping.mutate({ hookId })}
          >
            {ping.isPending ? "Pinging…" : "Ping"}
          </Button>
          <Button variant="secondary" onClick={() => setConfirmRotate(true)}>
            Rotate secret
          </Button>
          <Button
            variant="secondary"
            disabled={toggle.isPending}
            onClick={() => toggle.mutate({ id: hookId })}
          >
            {current.status === "disabled" ? "Enable" : "Disable"}
          </Button>
          <Button variant="danger" onClick={() => setConfirmDelete(true)}>
            Delete
          </Button>
        </div>
      </div>

      {actionError ? <Alert tone="error">{errorMessage(actionError)}</Alert> : null}
      {ping.data ? (
        <p role="status" className="text-sm text-emerald-700">
          Ping queued as <code className="font-mono text-xs">{ping.data.delivery_id}</code>.
        </p>
      ) : null}
      {rotate.data ? <SecretReveal secret={rotate.data.secret} title="New signing secret" /> : null}

      {current.status === "pending" ? (
        <Card
          title="Confirm this hook"
          description="The target did not echo X-Hook-Secret. Paste the secret it received to activate the hook."
        >
          <form
            className="flex flex-wrap items-end gap-2"
            onSubmit={(event: FormEvent) => {
              event.preventDefault();
              activate.mutate({ id: hookId, secret: confirmSecret });
            }}
          >
            <div className="min-w-64 flex-1">
              <Field label="X-Hook-Secret" htmlFor="portal-confirm-secret">
                <Input
                  id="portal-confirm-secret"
                  value={confirmSecret}
                  onChange={(event) => setConfirmSecret(event.target.value)}
                />
              </Field>
            </div>
            <Button type="submit" disabled={activate.isPending}>
              Confirm
            </Button>
          </form>
        </Card>
      ) : null}

      {editing ? (
        <Card title="Settings">
          {update.isSuccess ? (
            <div className="mb-4">
              <Alert tone="success">Saved.</Alert>
            </div>
          ) : null}
          <HookForm
            initial={hookFormValues(current)}
            submitLabel="Save settings"
            pendingLabel="Saving…"
            pending={update.isPending}
            serverError={
              update.error && fieldErrors(update.error).length === 0 ? errorMessage(update.error) : null
            }
            serverFieldErrors={fieldErrors(update.error)}
            onCancel={() => setEditing(false)}
            onSubmit={(values) =>
              update.mutate({
                id: hookId,
                changes: {
                  name: values.name || null,
                  target_url: values.target_url,
                  events: values.events,
                  sources: values.sources,
                  payload: values.payload,
                  format: values.format === "text" ? undefined : values.format,
                  ordered: values.ordered,
                  on_gone: values.on_gone,
                },
              })
            }
          />
        </Card>
      ) : (
        <Card title="Settings">
          <dl className="grid gap-x-6 gap-y-2 text-sm sm:grid-cols-2">
            <Setting label="Events" value={current.events.join(", ")} />
            <Setting label="Sources" value={current.sources.join(", ")} />
            <Setting label="Payload" value={current.payload} />
            <Setting label="Format" value={current.format} />
            <Setting label="Ordered" value={current.ordered ? "yes" : "no"} />
            <Setting label="On 410 Gone" value={current.on_gone} />
            <Setting
              label="Deliveries"
              value={`${current.stats.delivered} delivered · ${current.stats.failed} failed · ${current.stats.pending} pending`}
            />
          </dl>
        </Card>
      )}

      <Card
        title="Send an example event"
        description="A made-up contact, marked as a test, signed like any delivery."
      >
        <form
          className="flex flex-wrap items-end gap-2"
          onSubmit={(event: FormEvent) => {
            event.preventDefault();
            sendTest.mutate({ hookId, event: example });
          }}
        >
          <div className="min-w-64">
            <Field label="Example of" htmlFor="portal-example-event">
              <Select
                id="portal-example-event"
                value={example}
                onChange={(event) => setExample(event.target.value as SubscribableEventType)}
              >
                {SUBSCRIBABLE_EVENT_TYPES.map((type) => (
                  <option key={type} value={type}>
                    {type}
                  </option>
                ))}
              </Select>
            </Field>
          </div>
          <Button
            type="submit"
            variant="secondary"
            disabled={sendTest.isPending || current.status === "disabled"}
          >
            {sendTest.isPending ? "Sending…" : "Send example event"}
          </Button>
          {sendTest.data ? (
            <p role="status" className="text-sm text-emerald-700">
              Queued as <code className="font-mono text-xs">{sendTest.data.delivery_id}</code>.
            </p>
          ) : null}
        </form>
      </Card>

      <PortalDeliveries token={token} hookId={hookId} />
      <RecoverSince hookId={hookId} />

      <ConfirmDialog
        open={confirmRotate}
        title="Rotate the signing secret?"
        confirmLabel="Rotate"
        tone="primary"
        pending={rotate.isPending}
        error={rotate.error ? errorMessage(rotate.error) : null}
        onConfirm={() => rotate.mutate({ id: hookId }, { onSuccess: () => setConfirmRotate(false) })}
        onClose={() => setConfirmRotate(false)}
      >
        The new secret is shown once. The old one keeps signing alongside it for 24 hours.
      </ConfirmDialog>
      <ConfirmDialog
        open={confirmDelete}
        title="Delete this hook?"
        confirmLabel="Delete hook"
        pending={remove.isPending}
        error={remove.error ? errorMessage(remove.error) : null}
        onConfirm={() => remove.mutate({ id: hookId })}
        onClose={() => setConfirmDelete(false)}
      >
        Its delivery history goes with it, and nothing more is sent to {current.target_url}.
      </ConfirmDialog>
    </div>
  );
}

function Setting({ label, value }: { label: string; value: string }) {
  return (
    <div>
      <dt className="text-xs text-slate-500">{label}</dt>
      <dd className="text-slate-900">{value}</dd>
    </div>
  );
}

function PortalDeliveries({ token, hookId }: { token: string; hookId: string }) {
  const trpc = usePortalTRPC();
  const [cursor, setCursor] = useState<string | undefined>(undefined);
  const deliveries = useQuery({
    ...trpc.deliveries.list.queryOptions({ hookId, limit: 25, cursor }),
    refetchInterval: 3000,
  });
  return (
    <Card title="Delivery history" description="Newest first; open one for its attempts." padded={false}>
      {deliveries.error ? <Alert tone="error">{errorMessage(deliveries.error)}</Alert> : null}
      {deliveries.data?.data.length === 0 ? (
        <p className="px-5 py-6 text-sm text-slate-500">Nothing sent to this hook yet.</p>
      ) : null}
      <ul className="divide-y divide-slate-100" data-testid="portal-deliveries">
        {deliveries.data?.data.map((delivery) => (
          <li
            key={delivery.id}
            className="flex flex-wrap items-center justify-between gap-3 px-5 py-2.5 text-sm"
          >
            <Link
              href={portalHref(token, `/hooks/${hookId}/deliveries/${delivery.id}`)}
              className="font-mono text-xs text-brand-700 hover:underline"
            >
              {delivery.id}
            </Link>
            <span className="text-slate-600">{delivery.event_type}</span>
            <span className="text-xs text-slate-500">
              #{delivery.sequence} · {delivery.attempt_count} attempt{delivery.attempt_count === 1 ? "" : "s"}
              {delivery.last_status_code ? ` · HTTP ${delivery.last_status_code}` : ""}
            </span>
            <RelativeTime iso={delivery.created_at} className="text-xs text-slate-500" />
            <DeliveryStatusBadge status={delivery.status} />
          </li>
        ))}
      </ul>
      {deliveries.data?.next_cursor || cursor ? (
        <div className="flex gap-2 border-t border-slate-100 px-5 py-3">
          {cursor ? (
            <Button variant="secondary" size="sm" onClick={() => setCursor(undefined)}>
              Newest
            </Button>
          ) : null}
          {deliveries.data?.next_cursor ? (
            <Button
              variant="secondary"
              size="sm"
              onClick={() => setCursor(deliveries.data?.next_cursor ?? undefined)}
            >
              Older
            </Button>
          ) : null}
        </div>
      ) : null}
    </Card>
  );
}

function RecoverSince({ hookId }: { hookId: string }) {
  const trpc = usePortalTRPC();
  const refresh = useRefresh();
  const [since, setSince] = useState("");
  const [problem, setProblem] = useState<string | null>(null);
  const recover = useMutation(trpc.deliveries.recover.mutationOptions({ onSuccess: refresh }));
  return (
    <Card title="Recover" description="Send every failed delivery since a time again.">
      <form
        className="flex flex-wrap items-end gap-2"
        onSubmit={(event: FormEvent) => {
          event.preventDefault();
          const date = new Date(since);
          if (!since || Number.isNaN(date.getTime())) {
            setProblem("Choose the time to recover from.");
            return;
          }
          setProblem(null);
          recover.mutate({ hookId, since: date.toISOString() });
        }}
      >
        <div className="min-w-64">
          <Field label="Failed since" htmlFor="portal-recover-since" error={problem ?? undefined}>
            <Input
              id="portal-recover-since"
              type="datetime-local"
              value={since}
              onChange={(event) => setSince(event.target.value)}
            />
          </Field>
        </div>
        <Button type="submit" variant="secondary" disabled={recover.isPending}>
          {recover.isPending ? "Recovering…" : "Recover"}
        </Button>
        {recover.error ? <Alert tone="error">{errorMessage(recover.error)}</Alert> : null}
        {recover.data ? (
          <p role="status" className="text-sm text-emerald-700">
            {recover.data.requeued} deliver{recover.data.requeued === 1 ? "y" : "ies"} queued again.
          </p>
        ) : null}
      </form>
    </Card>
  );
}
