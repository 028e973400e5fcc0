"use client";
import { CartesianGrid, Legend, Line, LineChart, Tooltip, XAxis, YAxis } from "recharts";
import { useTimeZone } from "@/components/ui/time-zone";
import {
  ChartFrame,
  LEGEND_PROPS,
  type TimeChartProps,
  timeAxisProps,
  tooltipProps,
  VALUE_AXIS_PROPS,
} from "./chart-frame";
import { CHART_COLORS, formatMs } from "./palette";

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
  height,
  label,
  emptyText,
}: TimeChartProps<LatencyChartPoint>) {
  const empty = points.every((p) => p.p50_ms === null && p.p99_ms === null);
  const zone = useTimeZone();
  const line = (key: "p50_ms" | "p99_ms", name: string, color: string) => (
    <Line
      dataKey={key}
      name={name}
      stroke={color}
      strokeWidth={2}
      dot={isolatedDot(points, key, color)}
      activeDot={{ r: 3 }}
      connectNulls={false}
      isAnimationActive={false}
    />
  );
  return (
    <ChartFrame label={label} height={height} empty={empty} emptyText={emptyText}>
      <LineChart data={[...points]} margin={{ top: 8, right: 8, bottom: 0, left: -4 }}>
        <CartesianGrid stroke={CHART_COLORS.grid} vertical={false} />
        <XAxis {...timeAxisProps(stepSeconds, zone)} />
        <YAxis {...VALUE_AXIS_PROPS} tickFormatter={(value: number) => formatMs(value)} width={64} />
        <Tooltip
          {...tooltipProps(zone)}
          formatter={(value) => formatMs(typeof value === "number" ? value : null)}
        />
        <Legend iconType="plainline" {...LEGEND_PROPS} />
        {line("p50_ms", "p50", CHART_COLORS.p50)}
        {line("p99_ms", "p99", CHART_COLORS.p99)}
      </LineChart>
    </ChartFrame>
  );
}
