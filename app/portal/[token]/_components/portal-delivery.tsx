"use client";
// One delivery in the portal: its state, every attempt (request and answer), and "send again".
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { DeliveryStatusBadge } from "@/components/deliveries/delivery-badges";
import { AttemptCard } from "@/components/hooks/attempt-card";
import { hookTitle } from "@/components/hooks/hook-title";
import { errorMessage } from "@/components/trpc/errors";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { RelativeTime } from "@/components/ui/relative-time";
import { portalHref } from "./portal-href";
import { usePortalTRPC } from "./portal-trpc";

export function PortalDelivery({
  token,
  hookId,
  deliveryId,
}: {
  token: string;
  hookId: string;
  deliveryId: string;
}) {
  const trpc = usePortalTRPC();
  const queryClient = useQueryClient();
  const hook = useQuery(trpc.hooks.get.queryOptions({ id: hookId }));
  const delivery = useQuery({
    ...trpc.deliveries.get.queryOptions({ hookId, deliveryId }),
    refetchInterval: (q) => (q.state.data?.status === "pending" ? 2_000 : 15_000),
  });
  const redeliver = useMutation(
    trpc.deliveries.redeliver.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries(trpc.deliveries.pathFilter()),
    }),
  );
  if (delivery.error) return <Alert tone="error">{errorMessage(delivery.error)}</Alert>;
  if (!delivery.data) return <p className="text-sm text-slate-500">Loading…</p>;
  const current = delivery.data;
  const attempts = [...current.attempts].reverse();
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div>
          <Link
            href={portalHref(token, `/hooks/${hookId}`)}
            className="text-sm wrap-anywhere text-slate-500 hover:underline"
          >
            {/* A no-break space: a long address breaks within itself, never away from its arrow. */}
            {"←\u00a0"}
            {hook.data ? hookTitle(hook.data) : "Hook"}
          </Link>
          <h1 className="mt-1 flex items-center gap-2 text-xl font-semibold text-slate-900">
            <span className="font-mono text-base">{current.id}</span>
            <DeliveryStatusBadge status={current.status} />
          </h1>
          <p className="text-sm text-slate-500">
            {current.event_type} · #{current.sequence} · <RelativeTime iso={current.created_at} />
            {current.last_error ? ` · ${current.last_error}` : ""}
          </p>
        </div>
        <Button
          variant="secondary"
          disabled={redeliver.isPending}
          onClick={() => redeliver.mutate({ hookId, deliveryId })}
        >
          {redeliver.isPending ? "Queuing…" : "Redeliver"}
        </Button>
      </div>
      {redeliver.error ? <Alert tone="error">{errorMessage(redeliver.error)}</Alert> : null}
      {redeliver.isSuccess ? (
        <p role="status" className="text-sm text-emerald-700">
          Queued again: the next attempt shows here.
        </p>
      ) : null}
      {attempts.length === 0 ? <p className="text-sm text-slate-500">No attempt yet.</p> : null}
      <div className="space-y-3">
        {attempts.map((attempt, index) => (
          <AttemptCard
            key={attempt.number}
            attempt={attempt}
            targetUrl={hook.data?.target_url ?? ""}
            open={index === 0}
          />
        ))}
      </div>
    </div>
  );
}
