"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { formatMs } from "@/components/charts/palette";
import { DeliveryStatusBadge, StatusCode } from "@/components/deliveries/delivery-badges";
import { PendingNote } from "@/components/deliveries/pending-note";
import { PageHeader } from "@/components/layout/page-header";
import { useTRPC } from "@/components/trpc/client";
import { errorMessage } from "@/components/trpc/errors";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { CopyButton } from "@/components/ui/copy-button";
import { RelativeTime } from "@/components/ui/relative-time";
import { AbsoluteTime } from "@/components/ui/time-zone";
import { usePermission } from "../../_components/role";
import { curlCommand, prettyBody } from "./curl";
import type { DeliveryDetail } from "./types";

type Attempt = DeliveryDetail["attempts"][number];

function Headers({ headers }: { headers: Record<string, string> }) {
  // By name: the log keeps headers as jsonb, whose own order (shortest key first) reads as random.
  const entries = Object.entries(headers).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  if (entries.length === 0) return <p className="text-xs text-slate-500">No headers.</p>;
  return (
    <dl className="grid grid-cols-[minmax(8rem,max-content)_1fr] gap-x-4 gap-y-1 font-mono text-xs">
      {entries.map(([name, value]) => (
        <div key={name} className="contents">
          <dt className="text-slate-500">{name}</dt>
          <dd className="break-all text-slate-800">{value}</dd>
        </div>
      ))}
    </dl>
  );
}

function Body({ body, testId, label }: { body: string; testId: string; label: string }) {
  if (body === "") return <p className="text-xs text-slate-500">Empty body.</p>;
  return (
    <div className="relative">
      <pre
        data-testid={testId}
        className="max-h-96 overflow-auto rounded-md bg-slate-900 p-3 pr-24 font-mono text-xs leading-relaxed text-slate-100"
      >
        {prettyBody(body)}
      </pre>
      <span className="absolute top-2 right-2">
        <CopyButton value={body} label={label} />
      </span>
    </div>
  );
}

/** One attempt; only the newest starts open (native details: keyboard and screen readers for free). */
export function AttemptCard({
  attempt,
  targetUrl,
  open,
}: {
  attempt: Attempt;
  targetUrl: string;
  open: boolean;
}) {
  const ok = attempt.status_code !== null && attempt.status_code >= 200 && attempt.status_code < 300;
  return (
    <details
      open={open}
      aria-label={`Attempt ${attempt.number}`}
      className="group rounded-xl bg-white shadow-sm ring-1 ring-slate-200"
      data-testid="attempt"
    >
      <summary className="flex cursor-pointer list-none flex-wrap items-center justify-between gap-3 px-5 py-3 group-open:border-b group-open:border-slate-100 [&::-webkit-details-marker]:hidden">
        <span className="flex flex-wrap items-center gap-3 text-sm">
          <span aria-hidden="true" className="text-slate-400 transition-transform group-open:rotate-90">
            ▸
          </span>
          <span className="font-semibold">Attempt {attempt.number}</span>
          <StatusCode code={attempt.status_code} />
          <span className="text-slate-500">{formatMs(attempt.duration_ms)}</span>
          <AbsoluteTime iso={attempt.started_at} className="text-slate-500" />
        </span>
      </summary>
      {attempt.error ? (
        <div className="px-5 pt-4">
          <Alert tone="error">{attempt.error}</Alert>
        </div>
      ) : null}
      <div className="grid gap-6 p-5 lg:grid-cols-2">
        <div className="min-w-0 space-y-3">
          <div className="flex items-center justify-between gap-3">
            <h3 className="text-xs font-semibold tracking-wide text-slate-500 uppercase">Request</h3>
            {/* Not in the summary: a button there would open and close the attempt as well. */}
            <CopyButton
              value={curlCommand(targetUrl, attempt.request.headers, attempt.request.body)}
              label="Copy as curl"
            />
          </div>
          <Headers headers={attempt.request.headers} />
          <Body body={attempt.request.body} testId="request-body" label="Copy payload" />
        </div>
        <div className="min-w-0 space-y-3">
          <h3 className="text-xs font-semibold tracking-wide text-slate-500 uppercase">
            Response{" "}
            {attempt.status_code !== null ? (
              <span className={ok ? "text-emerald-700" : "text-red-700"}>{attempt.status_code}</span>
            ) : null}
          </h3>
          {attempt.response ? (
            <>
              <Headers headers={attempt.response.headers} />
              <Body body={attempt.response.body} testId="response-body" label="Copy answer" />
            </>
          ) : (
            <p className="text-sm text-slate-500">No answer was received.</p>
          )}
        </div>
      </div>
    </details>
  );
}

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
