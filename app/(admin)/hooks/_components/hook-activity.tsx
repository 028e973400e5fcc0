"use client";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { ActivityChart } from "@/components/charts/activity-chart";
import { LatencyChart } from "@/components/charts/latency-chart";
import { formatMs, formatRate } from "@/components/charts/palette";
import { useTRPC } from "@/components/trpc/client";
import { errorMessage } from "@/components/trpc/errors";
import { Alert } from "@/components/ui/alert";
import { Card } from "@/components/ui/card";
import { quantity } from "@/components/ui/quantity";

const RANGES = [
  { value: "1h", label: "1 hour" },
  { value: "24h", label: "24 hours" },
  { value: "7d", label: "7 days" },
] as const;
type Range = (typeof RANGES)[number]["value"];

/** Deliveries, failures and latency of one hook over time, from the per-minute rollups. */
export function HookActivity({ hookId }: { hookId: string }) {
  const trpc = useTRPC();
  const [range, setRange] = useState<Range>("24h");
  const query = useQuery({
    ...trpc.dashboard.hookActivity.queryOptions({ hookId, range }),
    placeholderData: keepPreviousData,
    refetchInterval: 10_000,
  });
  const data = query.data;
  const totals = data?.totals;

  const picker = (
    <fieldset className="inline-flex rounded-md bg-slate-100 p-0.5">
      <legend className="sr-only">Time range</legend>
      {RANGES.map((option) => (
        <button
          key={option.value}
          type="button"
          aria-pressed={range === option.value}
          onClick={() => setRange(option.value)}
          className={`rounded px-2.5 py-1 text-xs font-medium ${
            range === option.value
              ? "bg-white text-slate-900 shadow-sm"
              : "text-slate-600 hover:text-slate-900"
          }`}
        >
          {option.label}
        </button>
      ))}
    </fieldset>
  );

  return (
    <Card
      title="Activity"
      description={
        totals
          ? `${quantity(totals.attempts, "attempt")} · ${formatRate(totals.success_rate)} delivered · p50 ${formatMs(totals.p50_ms)} · p99 ${formatMs(totals.p99_ms)}`
          : "Attempts and latency over time."
      }
      actions={picker}
    >
      {query.isError && !data ? (
        <Alert tone="error">The chart could not be loaded: {errorMessage(query.error)}</Alert>
      ) : !data ? (
        <div className="h-56 animate-pulse rounded bg-slate-50" />
      ) : (
        <div className={`grid gap-6 lg:grid-cols-2 ${query.isPlaceholderData ? "opacity-60" : ""}`}>
          <div>
            <h3 className="mb-2 text-xs font-medium text-slate-500">Attempts</h3>
            <ActivityChart
              points={data.points}
              stepSeconds={data.step_seconds}
              label={`Delivered and failed attempts over the last ${range}`}
            />
          </div>
          <div>
            <h3 className="mb-2 text-xs font-medium text-slate-500">Latency</h3>
            <LatencyChart
              points={data.points}
              stepSeconds={data.step_seconds}
              label={`p50 and p99 latency over the last ${range}`}
            />
          </div>
        </div>
      )}
    </Card>
  );
}
