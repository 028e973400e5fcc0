"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { DeliveryStatusBadge, StatusCode } from "@/components/deliveries/delivery-badges";
import { PendingNote } from "@/components/deliveries/pending-note";
import { AttemptCard } from "@/components/hooks/attempt-card";
import { curlCommand } from "@/components/hooks/curl";
import { PageHeader } from "@/components/layout/page-header";
import { useTRPC } from "@/components/trpc/client";
import { errorMessage } from "@/components/trpc/errors";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { CopyButton } from "@/components/ui/copy-button";
import { RelativeTime } from "@/components/ui/relative-time";
import { usePermission } from "../../_components/role";

export function DeliveryDetailView({ hookId, deliveryId }: { hookId: string; deliveryId: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const hook = useQuery(trpc.hook.get.queryOptions({ id: hookId }));
  const query = useQuery({
    ...trpc.delivery.get.queryOptions({ hookId, deliveryId }),
    // While it is still being sent or retried, new attempts appear by themselves.
    refetchInterval: (q) => (q.state.data?.status === "pending" ? 2_000 : 15_000),
  });
  const permission = usePermission("deliveries.write");
  const redeliver = useMutation(
    trpc.delivery.redeliver.mutationOptions({
      onSuccess: () =>
        Promise.all([
          queryClient.invalidateQueries(trpc.delivery.pathFilter()),
          queryClient.invalidateQueries(trpc.dashboard.pathFilter()),
        ]),
    }),
  );
  const delivery = query.data;
  if (!delivery) {
    return query.isError ? (
      <Alert tone="error">This delivery could not be loaded: {errorMessage(query.error)}</Alert>
    ) : (
      <p className="text-sm text-slate-500">Loading…</p>
    );
  }
  const targetUrl = hook.data?.target_url ?? "";
  const attempts = [...delivery.attempts].reverse();
  const latest = delivery.attempts.at(-1);

  return (
    <div className="space-y-6">
      <div>
        <Link href={`/hooks/${hookId}`} className="text-sm text-slate-500 hover:text-slate-800">
          ← {hook.data?.name ?? hook.data?.target_url ?? "Hook"}
        </Link>
        <PageHeader
          title={delivery.event_type}
          description={`Delivery ${delivery.id}`}
          actions={
            <>
              <CopyButton value={delivery.id} label="Copy delivery id" />
              {latest && targetUrl ? (
                <CopyButton
                  value={curlCommand(targetUrl, latest.request.headers, latest.request.body)}
                  label="Copy as curl"
                />
              ) : null}
              <Button
                onClick={() => redeliver.mutate({ hookId, deliveryId })}
                disabled={redeliver.isPending || !permission.allowed}
                title={permission.reason}
              >
                {redeliver.isPending ? "Queuing…" : "Redeliver"}
              </Button>
            </>
          }
        />
      </div>
      {redeliver.isSuccess ? (
        <Alert tone="success">Queued again with the same webhook-id; the new attempt appears below.</Alert>
      ) : null}
      {redeliver.error ? <Alert tone="error">{errorMessage(redeliver.error)}</Alert> : null}

      <Card>
        <dl className="grid grid-cols-2 gap-x-6 gap-y-4 text-sm md:grid-cols-4">
          <div>
            <dt className="text-xs text-slate-500">Status</dt>
            <dd className="mt-1" data-testid="delivery-status">
              <DeliveryStatusBadge status={delivery.status} />
            </dd>
          </div>
          <div>
            <dt className="text-xs text-slate-500">Attempts</dt>
            <dd className="mt-1 tabular-nums" data-testid="delivery-attempts">
              {delivery.attempt_count}
            </dd>
          </div>
          <div>
            <dt className="text-xs text-slate-500">Last answer</dt>
            <dd className="mt-1">
              <StatusCode code={delivery.last_status_code} />
            </dd>
          </div>
          <div>
            <dt className="text-xs text-slate-500">
              {delivery.status === "pending"
                ? "Next attempt"
                : delivery.delivered_at
                  ? "Delivered"
                  : "Created"}
            </dt>
            <dd className="mt-1" data-testid="delivery-when">
              {delivery.status === "pending" ? (
                <PendingNote
                  hookId={delivery.hook_id}
                  nextAttemptAt={delivery.next_attempt_at}
                  queue={delivery.queue}
                />
              ) : (
                <RelativeTime iso={delivery.delivered_at ?? delivery.created_at} />
              )}
            </dd>
          </div>
          <div>
            <dt className="text-xs text-slate-500">Event</dt>
            <dd className="mt-1 font-mono text-xs">
              <Link
                href={`/events/${delivery.event_id}`}
                className="text-brand-700 hover:underline"
                title="The event, and every hook it went to"
              >
                {delivery.event_id}
              </Link>{" "}
              <CopyButton value={delivery.event_id} label="Copy event id" />
            </dd>
          </div>
          <div>
            <dt className="text-xs text-slate-500">Sequence</dt>
            <dd className="mt-1 tabular-nums">{delivery.sequence}</dd>
          </div>
          <div className="col-span-2">
            <dt className="text-xs text-slate-500">Target</dt>
            <dd className="mt-1 font-mono text-xs break-all">{targetUrl}</dd>
          </div>
        </dl>
        {delivery.last_error ? (
          <div className="mt-4">
            <Alert tone="error">Last error: {delivery.last_error}</Alert>
          </div>
        ) : null}
      </Card>

      {attempts.length === 0 ? (
        <Card>
          <p className="text-sm text-slate-500">
            Not attempted yet
            {delivery.status !== "pending"
              ? "."
              : delivery.queue.waits_for !== null
                ? ` — this hook delivers in order, and #${delivery.queue.waits_for.sequence} goes first.`
                : " — it is queued and appears here once sent."}
          </p>
        </Card>
      ) : (
        <div className="space-y-4">
          <p className="text-xs text-slate-500">
            Newest attempt first; open an earlier one to see it. A copied curl command replays the recorded
            signature and timestamp; receivers that check freshness refuse it after 5 minutes.
          </p>
          {attempts.map((attempt, index) => (
            <AttemptCard key={attempt.number} attempt={attempt} targetUrl={targetUrl} open={index === 0} />
          ))}
        </div>
      )}
    </div>
  );
}
