"use client";
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { CHART_COLORS, formatMs, formatTick } from "./palette";

export interface LatencyChartPoint {
  at: string;
  p50_ms: number | null;
  p99_ms: number | null;
}

/** A dot only where a value stands alone between gaps, which a line could not show. */
function isolatedDot(points: readonly LatencyChartPoint[], key: "p50_ms" | "p99_ms", color: string) {
  return (props: { cx?: number; cy?: number; index?: number }) => {
    const index = props.index ?? 0;
    const lone =
      points[index]?.[key] != null && points[index - 1]?.[key] == null && points[index + 1]?.[key] == null;
    if (!lone || props.cx === undefined || props.cy === undefined) return <g key={`${key}-${index}`} />;
    return <circle key={`${key}-${index}`} cx={props.cx} cy={props.cy} r={3} fill={color} />;
  };
}

/** p50 and p99 per bin, estimated from the merged latency histograms; gaps where nothing was sent. */
export function LatencyChart({
  points,
  stepSeconds,
  height = 220,
  label,
  emptyText = "Nothing in this range yet.",
}: {
  points: readonly LatencyChartPoint[];
  stepSeconds: number;
  height?: number;
  label: string;
  /** Said over the empty axes when every point is zero. */
  emptyText?: string;
}) {
  const empty = points.every((p) => p.p50_ms === null && p.p99_ms === null);
  return (
    <div role="img" aria-label={label} style={{ height }} className="relative">
      {empty ? (
        <p className="pointer-events-none absolute inset-0 z-10 flex items-center justify-center pb-8 text-sm text-slate-400">
          {emptyText}
        </p>
      ) : null}
      <ResponsiveContainer width="100%" height="100%">
        <LineChart data={[...points]} margin={{ top: 8, right: 8, bottom: 0, left: -4 }}>
          <CartesianGrid stroke={CHART_COLORS.grid} vertical={false} />
          <XAxis
            dataKey="at"
            tickFormatter={(value: string) => formatTick(value, stepSeconds)}
            tick={{ fontSize: 11, fill: CHART_COLORS.axis }}
            tickLine={false}
            axisLine={{ stroke: CHART_COLORS.grid }}
            minTickGap={24}
          />
          <YAxis
            tickFormatter={(value: number) => formatMs(value)}
            tick={{ fontSize: 11, fill: CHART_COLORS.axis }}
            tickLine={false}
            axisLine={false}
            width={64}
          />
          <Tooltip
            formatter={(value) => formatMs(typeof value === "number" ? value : null)}
            labelFormatter={(value) => new Date(String(value)).toLocaleString("en")}
            contentStyle={{ fontSize: 12, borderRadius: 8 }}
          />
          <Legend iconType="plainline" wrapperStyle={{ fontSize: 12 }} />
          <Line
            dataKey="p50_ms"
            name="p50"
            stroke={CHART_COLORS.p50}
            strokeWidth={2}
            dot={isolatedDot(points, "p50_ms", CHART_COLORS.p50)}
            activeDot={{ r: 3 }}
            connectNulls={false}
            isAnimationActive={false}
          />
          <Line
            dataKey="p99_ms"
            name="p99"
            stroke={CHART_COLORS.p99}
            strokeWidth={2}
            dot={isolatedDot(points, "p99_ms", CHART_COLORS.p99)}
            activeDot={{ r: 3 }}
            connectNulls={false}
            isAnimationActive={false}
          />
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}
