"use client";
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { CHART_COLORS, formatTick } from "./palette";

export interface SourceChartPoint {
  at: string;
  admin: number;
  api: number;
  public: number;
  system: number;
}

const SOURCES = [
  { key: "admin", name: "Admin", color: CHART_COLORS.admin },
  { key: "api", name: "API", color: CHART_COLORS.api },
  { key: "public", name: "Public", color: CHART_COLORS.public },
  { key: "system", name: "System", color: CHART_COLORS.system },
] as const;

/** Events per hour, stacked by who caused them. */
export function SourceChart({
  points,
  stepSeconds,
  height = 220,
  label,
  emptyText = "Nothing in this range yet.",
}: {
  points: readonly SourceChartPoint[];
  stepSeconds: number;
  height?: number;
  label: string;
  /** Said over the empty axes when every point is zero. */
  emptyText?: string;
}) {
  const empty = points.every((p) => p.admin + p.api + p.public + p.system === 0);
  return (
    <div role="img" aria-label={label} style={{ height }} className="relative">
      {empty ? (
        <p className="pointer-events-none absolute inset-0 z-10 flex items-center justify-center pb-8 text-sm text-slate-400">
          {emptyText}
        </p>
      ) : null}
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={[...points]} margin={{ top: 8, right: 8, bottom: 0, left: -12 }} barCategoryGap={2}>
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
          {SOURCES.map((source) => (
            <Bar
              key={source.key}
              dataKey={source.key}
              name={source.name}
              stackId="s"
              fill={source.color}
              isAnimationActive={false}
            />
          ))}
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
