"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { formatRate } from "@/components/charts/palette";
import { StatTile } from "@/components/charts/stat-tile";
import { StatusCode } from "@/components/deliveries/delivery-badges";
import { disabledReasonText } from "@/components/hooks/disabled-reason";
import { formatPending, HookStatusBadge, pendingHint } from "@/components/hooks/hook-badges";
import { HookForm, hookFormValues, hookSettingsInput } from "@/components/hooks/hook-form";
import { hookTitle } from "@/components/hooks/hook-title";
import { RecoverFailed } from "@/components/hooks/recover-failed";
import { SecretReveal } from "@/components/hooks/secret-reveal";
import { SendExampleEvent } from "@/components/hooks/send-example-event";
import { PageHeader } from "@/components/layout/page-header";
import { useTRPC } from "@/components/trpc/client";
import { errorMessage } from "@/components/trpc/errors";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { quantity } from "@/components/ui/quantity";
import { RelativeTime } from "@/components/ui/relative-time";
import { NotAllowed, usePermission } from "../../_components/role";
import { ActivateHook } from "./activate-hook";
import { DeliveryHistory } from "./delivery-history";
import { HookActions } from "./hook-actions";
import { HookActivity } from "./hook-activity";
import type { HookAdmin } from "./types";

function useRefreshHook() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries(trpc.hook.pathFilter()),
      queryClient.invalidateQueries(trpc.dashboard.pathFilter()),
      queryClient.invalidateQueries(trpc.delivery.pathFilter()),
    ]);
}

const FORMAT_LABELS: Record<HookAdmin["format"], string> = {
  json: "JSON body",
  activecampaign: "ActiveCampaign form body",
  text: 'Chat text body ({"text": …})',
};

export function HookDetail({ id }: { id: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const hookQuery = useQuery({ ...trpc.hook.get.queryOptions({ id }), refetchInterval: 5_000 });
  const sparkline = useQuery({
    ...trpc.dashboard.hookSparklines.queryOptions({ hookIds: [id] }),
    refetchInterval: 10_000,
  });
  const hook = hookQuery.data;
  if (!hook) {
    return hookQuery.isError ? (
      <Alert tone="error">This hook could not be loaded: {errorMessage(hookQuery.error)}</Alert>
    ) : (
      <p className="text-sm text-slate-500">Loading…</p>
    );
  }
  const day = sparkline.data?.[id];

  return (
    <div className="space-y-6">
      <div>
        <Link href="/hooks" className="text-sm text-slate-500 hover:text-slate-800">
          ← Hooks
        </Link>
        <PageHeader
          title={hookTitle(hook)}
          description={hook.target_url}
          actions={
            <>
              <PingButton hookId={hook.id} disabled={hook.status === "disabled"} />
              <HookActions hook={hook} size="md" onDeleted={() => router.replace("/hooks")} />
            </>
          }
        />
        <div className="-mt-3 flex flex-wrap items-center gap-2 text-sm text-slate-600">
          <HookStatusBadge status={hook.status} reason={hook.disabled_reason} />
          {hook.status === "disabled" ? (
            <span>
              {disabledReasonText(hook.disabled_reason)}
              {hook.disabled_at ? (
                <>
                  {" "}
                  · <RelativeTime iso={hook.disabled_at} />
                </>
              ) : null}
            </span>
          ) : null}
          <span className="text-slate-300">|</span>
          <span>
            Owner: {hook.owner.name}{" "}
            <span className="text-slate-500">
              (
              {hook.owner.kind === "api_key"
                ? hook.owner.revoked
                  ? "API key, revoked"
                  : "API key"
                : "admin"}
              )
            </span>
          </span>
          <span className="text-slate-300">|</span>
          <span>{FORMAT_LABELS[hook.format]}</span>
          <span className="text-slate-300">|</span>
          <code className="font-mono text-xs text-slate-500">{hook.id}</code>
        </div>
      </div>

      {hook.status === "pending" ? (
        <Alert tone="warning">
          This hook is unconfirmed: nothing is delivered until it is confirmed with the X-Hook-Secret its
          target received in the handshake —{" "}
          {hook.owner.kind === "api_key" ? (
            <>
              by the receiver calling <code className="font-mono">POST /api/v1/hooks/{hook.id}/activate</code>{" "}
              with the owning API key, or here:
            </>
          ) : (
            <>
              that is the signing secret shown once when the hook was created (it starts with{" "}
              <code className="font-mono">whsec_</code>). Paste it here:
            </>
          )}
          <ActivateHook hookId={hook.id} shownAtCreation={hook.owner.kind !== "api_key"} />
        </Alert>
      ) : null}

      <section aria-label="Health" className="grid grid-cols-2 gap-4 lg:grid-cols-5">
        <StatTile
          label="Success · 24 h"
          value={formatRate(day?.success_rate)}
          tone={
            day?.success_rate == null
              ? "neutral"
              : day.success_rate >= 0.99
                ? "good"
                : day.success_rate >= 0.9
                  ? "warn"
                  : "bad"
          }
          hint={day ? quantity(day.attempts, "attempt") : " "}
        />
        <StatTile label="Delivered" value={hook.stats.delivered.toLocaleString("en")} hint="all time" />
        <StatTile
          label="Failed"
          value={hook.stats.failed.toLocaleString("en")}
          tone={hook.stats.consecutive_failures > 0 ? "bad" : "neutral"}
          hint={
            hook.stats.consecutive_failures > 0
              ? `${quantity(hook.stats.consecutive_failures, "failed attempt")} in a row`
              : "failed for good, all time"
          }
        />
        <StatTile
          testId="hook-pending"
          label="Queued"
          value={formatPending(hook.stats.pending)}
          tone={hook.stats.pending > 0 ? "warn" : "neutral"}
          hint={pendingHint(hook.stats.pending, hook.ordered)}
        />
        <StatTile
          label="Last delivery"
          value={hook.stats.last_delivery_at ? <StatusCode code={hook.stats.last_status_code} /> : "Never"}
          hint={hook.stats.last_delivery_at ? <RelativeTime iso={hook.stats.last_delivery_at} /> : " "}
        />
      </section>

      <HookActivity hookId={hook.id} />

      <Card title="Delivery history" description="Newest first; updates while this page is open.">
        <DeliveryHistory hookId={hook.id} />
      </Card>

      <div className="grid gap-6 xl:grid-cols-3">
        <div className="xl:col-span-2">
          <HookSettings hook={hook} />
        </div>
        <div className="space-y-6">
          <ExampleEvent hookId={hook.id} disabled={hook.status === "disabled"} />
          <SecretRotation hookId={hook.id} />
          <RecoverFailedSince hookId={hook.id} />
        </div>
      </div>
    </div>
  );
}

function PingButton({ hookId, disabled }: { hookId: string; disabled: boolean }) {
  const permission = usePermission("deliveries.write");
  const trpc = useTRPC();
  const refresh = useRefreshHook();
  const [message, setMessage] = useState<{ tone: "ok" | "error"; text: string } | null>(null);
  const ping = useMutation(
    trpc.delivery.ping.mutationOptions({
      onSuccess: async (answer) => {
        setMessage({ tone: "ok", text: `Ping queued as ${answer.delivery_id}` });
        await refresh();
      },
      onError: (error) => setMessage({ tone: "error", text: errorMessage(error) }),
    }),
  );
  return (
    <span className="inline-flex items-center gap-2">
      {message ? (
        <span
          role="status"
          className={`text-xs ${message.tone === "ok" ? "text-emerald-700" : "text-red-600"}`}
        >
          {message.text}
        </span>
      ) : null}
      <Button
        variant="secondary"
        onClick={() => ping.mutate({ hookId })}
        disabled={ping.isPending || disabled || !permission.allowed}
        title={
          permission.reason ??
          (disabled ? "Enable the hook to ping it." : "Send a hook.ping delivery to this hook only.")
        }
      >
        {ping.isPending ? "Pinging…" : "Ping"}
      </Button>
    </span>
  );
}

function HookSettings({ hook }: { hook: HookAdmin }) {
  const trpc = useTRPC();
  const permission = usePermission("hooks.write");
  const refresh = useRefreshHook();
  const [saved, setSaved] = useState(false);
  const [version, setVersion] = useState(0);
  const update = useMutation(
    trpc.hook.update.mutationOptions({
      onSuccess: async () => {
        setSaved(true);
        await refresh();
        setVersion((v) => v + 1);
      },
    }),
  );
  return (
    <Card title="Settings" description="A new target URL is verified again before it is saved.">
      {saved && !update.isPending ? (
        <div className="mb-4">
          <Alert tone="success">Settings saved.</Alert>
        </div>
      ) : null}
      {permission.reason ? (
        <div className="mb-4">
          <NotAllowed action="hooks.write" />
        </div>
      ) : null}
      {/* A disabled fieldset disables every control in it: read-only for who may not save. */}
      <fieldset disabled={!permission.allowed}>
        <HookForm
          key={version}
          initial={hookFormValues(hook)}
          submitLabel="Save settings"
          pendingLabel="Saving…"
          pending={update.isPending}
          error={update.error}
          onSubmit={(values) => {
            setSaved(false);
            update.mutate({ id: hook.id, changes: hookSettingsInput(values) });
          }}
        />
      </fieldset>
    </Card>
  );
}

function ExampleEvent({ hookId, disabled }: { hookId: string; disabled: boolean }) {
  const trpc = useTRPC();
  const refresh = useRefreshHook();
  const permission = usePermission("deliveries.write");
  const send = useMutation(trpc.delivery.sendTest.mutationOptions({ onSuccess: refresh }));
  return (
    <SendExampleEvent
      onSend={(event) => send.mutate({ hookId, event })}
      pending={send.isPending}
      error={send.error}
      queuedId={send.data?.delivery_id}
      disabledReason={permission.reason ?? (disabled ? "Enable the hook to send it anything." : null)}
      guideHref="/docs/webhooks"
    />
  );
}

function SecretRotation({ hookId }: { hookId: string }) {
  const trpc = useTRPC();
  const [confirming, setConfirming] = useState(false);
  const [secret, setSecret] = useState<string | null>(null);
  const permission = usePermission("hooks.write");
  const rotate = useMutation(
    trpc.hook.rotateSecret.mutationOptions({
      onSuccess: (answer) => {
        setSecret(answer.secret);
        setConfirming(false);
      },
    }),
  );
  return (
    <Card
      title="Signing secret"
      description="Deliveries are signed with it (Standard Webhooks and X-Hook-Signature)."
    >
      {secret ? (
        <SecretReveal secret={secret} title="New signing secret" />
      ) : (
        <p className="text-sm text-slate-600">
          The secret is never shown again after it is issued. Rotating issues a new one; the old one keeps
          signing alongside it for 24 hours so the receiver can switch without missing a delivery.
        </p>
      )}
      <div className="mt-4">
        <Button
          variant="secondary"
          disabled={!permission.allowed}
          title={permission.reason}
          onClick={() => {
            rotate.reset();
            setConfirming(true);
          }}
        >
          Rotate secret
        </Button>
      </div>
      <ConfirmDialog
        open={confirming}
        title="Rotate the signing secret?"
        confirmLabel="Rotate secret"
        pendingLabel="Rotating…"
        tone="primary"
        pending={rotate.isPending}
        error={rotate.error ? errorMessage(rotate.error) : null}
        onConfirm={() => rotate.mutate({ id: hookId })}
        onClose={() => setConfirming(false)}
      >
        <p>
          A new secret is issued and shown once. For 24 hours deliveries carry signatures with both the old
          and the new secret; after that only the new one.
        </p>
      </ConfirmDialog>
    </Card>
  );
}

function RecoverFailedSince({ hookId }: { hookId: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const refresh = useRefreshHook();
  const permission = usePermission("deliveries.write");
  const recover = useMutation(trpc.delivery.recover.mutationOptions({ onSuccess: refresh }));
  return (
    <RecoverFailed
      countSince={async (since) => {
        const found = await queryClient.fetchQuery(
          trpc.delivery.recoverCount.queryOptions({ hookId, since, status: "failed" }, { staleTime: 0 }),
        );
        return found.count;
      }}
      recoverSince={(since) => recover.mutateAsync({ hookId, since, status: "failed" })}
      disabledReason={permission.allowed ? undefined : permission.reason}
    />
  );
}
