"use client";
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { CHART_COLORS, formatTick } from "./palette";

export interface ActivityChartPoint {
  at: string;
  delivered: number;
  failed_attempts: number;
}

/** Delivered vs failed attempts per bin, stacked: volume and trouble in one glance. */
export function ActivityChart({
  points,
  stepSeconds,
  height = 220,
  label,
  emptyText = "Nothing in this range yet.",
}: {
  points: readonly ActivityChartPoint[];
  stepSeconds: number;
  height?: number;
  label: string;
  /** Said over the empty axes when every point is zero. */
  emptyText?: string;
}) {
  const empty = points.every((p) => p.delivered + p.failed_attempts === 0);
  return (
    <div role="img" aria-label={label} style={{ height }} className="relative">
      {empty ? (
        <p className="pointer-events-none absolute inset-0 z-10 flex items-center justify-center pb-8 text-sm text-slate-400">
          {emptyText}
        </p>
      ) : null}
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={[...points]} margin={{ top: 8, right: 8, bottom: 0, left: -12 }} barCategoryGap={1}>
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
            allowDecimals={false}
            tick={{ fontSize: 11, fill: CHART_COLORS.axis }}
            tickLine={false}
            axisLine={false}
            width={48}
          />
          <Tooltip
            cursor={{ fill: "rgba(148, 163, 184, 0.15)" }}
            labelFormatter={(value) => new Date(String(value)).toLocaleString("en")}
            contentStyle={{ fontSize: 12, borderRadius: 8 }}
          />
          <Legend iconType="circle" iconSize={8} wrapperStyle={{ fontSize: 12 }} />
          <Bar
            dataKey="delivered"
            name="Delivered"
            stackId="a"
            fill={CHART_COLORS.delivered}
            isAnimationActive={false}
          />
          <Bar
            dataKey="failed_attempts"
            name="Failed attempts"
            stackId="a"
            fill={CHART_COLORS.failed}
            isAnimationActive={false}
          />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
