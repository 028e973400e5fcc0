"use client";
// One of the key's hooks in the portal: its settings, what it was sent, and every action the key
// may take on it — edit, disable/enable, delete, rotate the secret (shown once), confirm, ping,
// send an example event, recover failed deliveries since a time.
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { type FormEvent, useState } from "react";
import { DeliveryStatusBadge } from "@/components/deliveries/delivery-badges";
import { HookStatusBadge } from "@/components/hooks/hook-badges";
import { HookForm, hookFormValues, hookSettingsInput } from "@/components/hooks/hook-form";
import { hookEventsText, hookTitle } from "@/components/hooks/hook-title";
import { RecoverFailed } from "@/components/hooks/recover-failed";
import { SecretReveal } from "@/components/hooks/secret-reveal";
import { SendExampleEvent } from "@/components/hooks/send-example-event";
import { ListFooter, QueryLoadMore } from "@/components/tables/data-table";
import { keysetPaging, useKeysetRows } from "@/components/tables/keyset-pages";
import { errorMessage } from "@/components/trpc/errors";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Field, Input } from "@/components/ui/field";
import { RelativeTime } from "@/components/ui/relative-time";
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
  const actionError = [toggle, ping, activate].find((mutation) => mutation.error)?.error;

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div className="min-w-0">
          <Link href={portalHref(token)} className="text-sm text-slate-500 hover:underline">
            ← Hooks
          </Link>
          <h1 className="mt-1 flex flex-wrap items-center gap-2 text-lg font-semibold text-slate-900 sm:text-xl">
            <span className="min-w-0 wrap-anywhere">{hookTitle(current)}</span>
            <HookStatusBadge status={current.status} />
          </h1>
          <p className="font-mono text-xs break-all text-slate-500">{current.target_url}</p>
          <p className="font-mono text-xs text-slate-500">{current.id}</p>
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
            error={update.error}
            onCancel={() => setEditing(false)}
            onSubmit={(values) => update.mutate({ id: hookId, changes: hookSettingsInput(values) })}
          />
        </Card>
      ) : (
        <Card title="Settings">
          <dl className="grid gap-x-6 gap-y-2 text-sm sm:grid-cols-2">
            <Setting label="Events" value={hookEventsText(current.events)} />
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

      <SendExampleEvent
        onSend={(event) => sendTest.mutate({ hookId, event })}
        pending={sendTest.isPending}
        error={sendTest.error}
        queuedId={sendTest.data?.delivery_id}
        disabledReason={current.status === "disabled" ? "Enable the hook to send it anything." : null}
        guideHref={portalHref(token, "/guide")}
      />

      <PortalDeliveries token={token} hookId={hookId} />
      <RecoverFailedSince hookId={hookId} />

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
        Its delivery history goes with it, and nothing more is sent to{" "}
        <span className="font-mono break-all">{current.target_url}</span>.
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
  const deliveries = useInfiniteQuery(
    trpc.deliveries.list.infiniteQueryOptions(
      { hookId, limit: 25 },
      { ...keysetPaging, refetchInterval: 3000 },
    ),
  );
  const { rows } = useKeysetRows(deliveries.data);
  return (
    <Card
      title="Delivery history"
      description="Newest first, live; open one for its attempts."
      padded={false}
    >
      {deliveries.error && rows.length === 0 ? (
        <div className="p-5">
          <Alert tone="error">{errorMessage(deliveries.error)}</Alert>
        </div>
      ) : null}
      {deliveries.isSuccess && rows.length === 0 ? (
        <p className="px-5 py-6 text-sm text-slate-500">
          Nothing sent to this hook yet. Ping it, or send an example event, to see a delivery here.
        </p>
      ) : null}
      <ul className="divide-y divide-slate-100" data-testid="portal-deliveries">
        {rows.map((delivery) => (
          <li key={delivery.id} className="flex flex-wrap items-center gap-x-4 gap-y-1 px-5 py-2.5 text-sm">
            <Link
              href={portalHref(token, `/hooks/${hookId}/deliveries/${delivery.id}`)}
              className="font-mono text-xs break-all text-brand-700 hover:underline focus-visible:rounded-sm focus-visible:outline-2 focus-visible:outline-brand-500"
            >
              {delivery.id}
            </Link>
            <span className="font-mono text-[13px] text-slate-700">{delivery.event_type}</span>
            <span className="text-xs text-slate-500">
              #{delivery.sequence} · {delivery.attempt_count} attempt{delivery.attempt_count === 1 ? "" : "s"}
              {delivery.last_status_code ? ` · HTTP ${delivery.last_status_code}` : ""}
            </span>
            <span className="ml-auto flex items-center gap-3">
              <RelativeTime iso={delivery.created_at} className="text-xs text-slate-500" />
              <DeliveryStatusBadge status={delivery.status} />
            </span>
          </li>
        ))}
      </ul>
      {rows.length > 0 ? (
        <ListFooter>
          <QueryLoadMore query={deliveries} shown={rows.length} nouns={["delivery", "deliveries"]} />
        </ListFooter>
      ) : null}
    </Card>
  );
}

function RecoverFailedSince({ hookId }: { hookId: string }) {
  const trpc = usePortalTRPC();
  const queryClient = useQueryClient();
  const refresh = useRefresh();
  const recover = useMutation(trpc.deliveries.recover.mutationOptions({ onSuccess: refresh }));
  return (
    <RecoverFailed
      countSince={async (since) => {
        const found = await queryClient.fetchQuery(
          trpc.deliveries.recoverCount.queryOptions({ hookId, since, status: "failed" }, { staleTime: 0 }),
        );
        return found.count;
      }}
      recoverSince={(since) => recover.mutateAsync({ hookId, since, status: "failed" })}
    />
  );
}
