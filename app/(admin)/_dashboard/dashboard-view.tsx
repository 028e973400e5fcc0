"use client";
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { ActivityChart } from "@/components/charts/activity-chart";
import { LatencyChart } from "@/components/charts/latency-chart";
import { formatMs, formatRate } from "@/components/charts/palette";
import { SourceChart } from "@/components/charts/source-chart";
import { StatTile } from "@/components/charts/stat-tile";
import { disabledReasonText } from "@/components/hooks/disabled-reason";
import { PageHeader } from "@/components/layout/page-header";
import { useTRPC } from "@/components/trpc/client";
import { errorMessage } from "@/components/trpc/errors";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { quantity } from "@/components/ui/quantity";
import { RelativeTime } from "@/components/ui/relative-time";
import { AbsoluteTime } from "@/components/ui/time-zone";
import { PermittedLink } from "../_components/role";

const REFRESH_MS = 5_000;
const count = (n: number) => n.toLocaleString("en");

export function DashboardView() {
  const trpc = useTRPC();
  const query = useQuery({
    ...trpc.dashboard.overview.queryOptions(),
    refetchInterval: REFRESH_MS,
    refetchIntervalInBackground: false,
  });
  const data = query.data;

  const header = (
    <PageHeader
      title="Dashboard"
      description="Deliveries, failures and latency across every hook. Refreshes every 5 seconds."
      actions={
        data ? (
          <span className="flex items-center gap-2 text-xs text-slate-500">
            {query.isError ? (
              <span
                role="status"
                className="rounded-full bg-amber-50 px-2 py-0.5 font-medium text-amber-800 ring-1 ring-amber-200"
              >
                Refresh failed, retrying
              </span>
            ) : null}
            <span>
              Updated <AbsoluteTime iso={data.generated_at} clockOnly />
            </span>
          </span>
        ) : null
      }
    />
  );

  if (!data) {
    return (
      <>
        {header}
        {query.isError ? (
          <Alert tone="error">
            <span className="flex items-center justify-between gap-4">
              <span>The dashboard could not be loaded: {errorMessage(query.error)}</span>
              <Button variant="secondary" size="sm" onClick={() => void query.refetch()}>
                Try again
              </Button>
            </span>
          </Alert>
        ) : (
          <p className="text-sm text-slate-500">Loading…</p>
        )}
      </>
    );
  }

  const day = data.day;
  const hour = data.last_hour.totals;
  const queueText = (q: { count: number; approximate: boolean }) =>
    q.approximate ? `≈${count(q.count)}` : count(q.count);

  return (
    <>
      {header}
      <div className="space-y-6">
        {data.hooks.total === 0 ? (
          <Card>
            <EmptyState
              title="No hooks yet"
              description="Hooks send every contact change to a URL. Create one here, or let an integrator subscribe through the REST API."
              action={
                <PermittedLink action="hooks.write" href="/hooks/new">
                  New hook
                </PermittedLink>
              }
            />
          </Card>
        ) : null}

        <section aria-label="Key figures" className="grid grid-cols-2 gap-4 lg:grid-cols-5">
          <StatTile
            testId="stat-deliveries"
            label="Attempts · 24 h"
            value={count(day.attempts)}
            hint={
              <>
                <span data-testid="stat-delivered">{count(day.delivered)}</span> delivered ·{" "}
                <span data-testid="stat-failed">{count(day.failed_attempts)}</span> failed
              </>
            }
          />
          <StatTile
            testId="stat-success-rate"
            label="Success rate · 24 h"
            value={formatRate(day.success_rate)}
            tone={
              day.success_rate === null
                ? "neutral"
                : day.success_rate >= 0.99
                  ? "good"
                  : day.success_rate >= 0.9
                    ? "warn"
                    : "bad"
            }
            hint={
              day.gave_up > 0
                ? // A 410 fails a delivery at once, with no retry: "after the last retry" was wrong for it.
                  `${count(day.gave_up)} failed for good (retries spent or 410 Gone)`
                : "2xx answers / attempts"
            }
          />
          <StatTile
            testId="stat-queue"
            label="Queue"
            value={
              <>
                <span data-testid="queue-due">{queueText(data.queue.due)}</span>
                <span className="text-base font-normal text-slate-500"> due</span>
              </>
            }
            tone={data.queue.due.count > 1000 ? "warn" : "neutral"}
            hint={
              <>
                {data.queue.held.count > 0 ? (
                  <span title="Due, but an ordered hook sends one delivery at a time: these wait for an earlier one">
                    <span data-testid="queue-held">{queueText(data.queue.held)}</span> held by ordered hooks ·{" "}
                  </span>
                ) : null}
                <span data-testid="queue-waiting">{queueText(data.queue.waiting)}</span> waiting for a retry
                or in flight
              </>
            }
          />
          <StatTile
            testId="stat-latency"
            label="Latency · last hour"
            value={
              <>
                {formatMs(hour.p50_ms)}
                <span className="text-base font-normal text-slate-500"> p50</span>
              </>
            }
            hint={`p99 ${formatMs(hour.p99_ms)} · 24 h p99 ${formatMs(day.p99_ms)}`}
          />
          <StatTile
            testId="stat-hooks"
            label="Active hooks"
            value={count(data.hooks.active)}
            tone={data.hooks.disabled > 0 ? "warn" : "neutral"}
            hint={
              <>
                {count(data.hooks.pending)} unconfirmed ·{" "}
                <span data-testid="hooks-disabled">{count(data.hooks.disabled)}</span> disabled
              </>
            }
          />
        </section>

        <Card
          title="Deliveries per minute"
          description={`The last hour: ${quantity(hour.attempts, "attempt")}, ${formatRate(hour.success_rate)} delivered.`}
        >
          <ActivityChart
            points={data.last_hour.points}
            stepSeconds={data.last_hour.step_seconds}
            label="Delivered and failed attempts per minute over the last hour"
          />
        </Card>

        <div className="grid gap-6 lg:grid-cols-2">
          <Card title="Delivery latency" description="p50 and p99 per minute, the last hour.">
            <LatencyChart
              points={data.last_hour.points}
              stepSeconds={data.last_hour.step_seconds}
              label="p50 and p99 delivery latency per minute over the last hour"
            />
          </Card>
          <Card
            title="Events by source"
            description={`The last 24 hours: ${(["admin", "api", "public", "system"] as const)
              .map((source) => `${count(data.events_by_source.totals[source] ?? 0)} ${source}`)
              .join(" · ")}.`}
          >
            <SourceChart
              points={data.events_by_source.hourly}
              stepSeconds={3600}
              label="Events per hour by source over the last 24 hours"
            />
          </Card>
        </div>

        <Card
          title="Failing hooks"
          description="Active hooks whose deliveries are failing now, longest first: five days of it disables a hook."
          padded={false}
        >
          {data.failing.length === 0 ? (
            <EmptyState
              title="No failing hooks"
              description="Every active hook's last delivery went through."
            />
          ) : (
            <ul className="divide-y divide-slate-100" aria-label="Failing hooks">
              {data.failing.map((hook) => (
                <li
                  key={hook.id}
                  className="flex flex-col gap-2 px-5 py-3 text-sm sm:flex-row sm:items-center sm:justify-between sm:gap-4"
                >
                  <HookTitle hook={hook} />
                  <div className="flex shrink-0 flex-wrap items-center gap-x-3 gap-y-1 text-xs text-slate-500">
                    <Badge tone="red">
                      {hook.last_status_code !== null ? `HTTP ${hook.last_status_code}` : "No answer"}
                    </Badge>
                    {hook.last_error ? (
                      <span className="max-w-64 truncate" title={hook.last_error}>
                        {hook.last_error}
                      </span>
                    ) : null}
                    <span>
                      failing since <RelativeTime iso={hook.failing_since} />
                    </span>
                    <span>{quantity(hook.consecutive_failures, "failed attempt")} in a row</span>
                  </div>
                </li>
              ))}
            </ul>
          )}
        </Card>

        <Card
          title="Recently disabled hooks"
          description="Hooks that stopped receiving deliveries, newest first."
          padded={false}
        >
          {data.recently_disabled.length === 0 ? (
            <EmptyState title="No disabled hooks" description="Every hook is receiving its deliveries." />
          ) : (
            <ul className="divide-y divide-slate-100" aria-label="Recently disabled hooks">
              {data.recently_disabled.map((hook) => (
                <li key={hook.id} className="flex items-center justify-between gap-4 px-5 py-3 text-sm">
                  <HookTitle hook={hook} />
                  <div className="flex shrink-0 items-center gap-3">
                    <Badge tone={hook.reason === "admin" || hook.reason === "api" ? "neutral" : "red"}>
                      {disabledReasonText(hook.reason)}
                    </Badge>
                    <RelativeTime iso={hook.disabled_at} className="text-xs text-slate-500" />
                  </div>
                </li>
              ))}
            </ul>
          )}
        </Card>
      </div>
    </>
  );
}

/** A hook in a dashboard list: its name (else its target, in full) linking to its page. */
function HookTitle({ hook }: { hook: { id: string; name: string | null; target_url: string } }) {
  return (
    <div className="min-w-0">
      <Link href={`/hooks/${hook.id}`} className="font-medium break-all text-slate-900 hover:text-brand-700">
        {hook.name ?? hook.target_url}
      </Link>
      {hook.name ? <p className="truncate font-mono text-xs text-slate-500">{hook.target_url}</p> : null}
    </div>
  );
}
