"use client";
import { Bar, BarChart, CartesianGrid, Legend, Tooltip, XAxis, YAxis } from "recharts";
import { useTimeZone } from "@/components/ui/time-zone";
import {
  ChartFrame,
  LEGEND_PROPS,
  type TimeChartProps,
  timeAxisProps,
  tooltipProps,
  VALUE_AXIS_PROPS,
} from "./chart-frame";
import { CHART_COLORS } from "./palette";

export interface BarSeries<Key extends string> {
  key: Key;
  name: string;
  color: string;
}

/** Counts per time bin, one stacked bar per bin with a segment per series. */
export function StackedBarChart<Key extends string, Point extends { at: string } & Record<Key, number>>({
  series,
  points,
  stepSeconds,
  height,
  label,
  emptyText,
  barGap = 1,
}: TimeChartProps<Point> & { series: readonly BarSeries<Key>[]; barGap?: number }) {
  const empty = points.every((point) => series.every((s) => point[s.key] === 0));
  const zone = useTimeZone();
  return (
    <ChartFrame label={label} height={height} empty={empty} emptyText={emptyText}>
      <BarChart
        data={[...points]}
        margin={{ top: 8, right: 8, bottom: 0, left: -12 }}
        barCategoryGap={barGap}
      >
        <CartesianGrid stroke={CHART_COLORS.grid} vertical={false} />
        <XAxis {...timeAxisProps(stepSeconds, zone)} />
        <YAxis {...VALUE_AXIS_PROPS} allowDecimals={false} width={48} />
        <Tooltip {...tooltipProps(zone)} cursor={{ fill: "rgba(148, 163, 184, 0.15)" }} />
        <Legend iconType="circle" iconSize={8} {...LEGEND_PROPS} />
        {series.map((s) => (
          <Bar
            key={s.key}
            dataKey={s.key}
            name={s.name}
            stackId="stack"
            fill={s.color}
            isAnimationActive={false}
          />
        ))}
      </BarChart>
    </ChartFrame>
  );
}
