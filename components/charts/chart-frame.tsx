"use client";
// What every time-series chart here shares: its box, the note over empty axes, and the look of
// the time axis, the value axis and the tooltip. Recharts reads its axes as direct children of the
// chart, so those are shared as props, not as wrapper components.
import type { ReactElement } from "react";
import { ResponsiveContainer } from "recharts";
import { formatAbsolute } from "@/components/ui/time-zone";
import { CHART_COLORS, formatTick } from "./palette";

export interface TimeChartProps<Point> {
  points: readonly Point[];
  stepSeconds: number;
  height?: number;
  label: string;
  /** Said over the empty axes when there is nothing to draw. */
  emptyText?: string;
}

export function ChartFrame({
  label,
  height = 220,
  empty,
  emptyText = "Nothing in this range yet.",
  children,
}: {
  label: string;
  height?: number | undefined;
  empty: boolean;
  emptyText?: string | undefined;
  children: ReactElement;
}) {
  return (
    <div role="img" aria-label={label} style={{ height }} className="relative">
      {empty ? (
        <p className="pointer-events-none absolute inset-0 z-10 flex items-center justify-center pb-8 text-sm text-slate-400">
          {emptyText}
        </p>
      ) : null}
      <ResponsiveContainer width="100%" height="100%">
        {children}
      </ResponsiveContainer>
    </div>
  );
}

const TICK = { fontSize: 11, fill: CHART_COLORS.axis };

export function timeAxisProps(stepSeconds: number, timeZone: string | undefined) {
  return {
    dataKey: "at",
    tickFormatter: (value: string) => formatTick(value, stepSeconds, timeZone),
    tick: TICK,
    tickLine: false,
    axisLine: { stroke: CHART_COLORS.grid },
    minTickGap: 24,
  } as const;
}

export const VALUE_AXIS_PROPS = { tick: TICK, tickLine: false, axisLine: false } as const;

/**
 * Legend text in the axis' dark slate, not the series colour (green, amber and grey on white read at
 * 2–3:1); the swatch beside it carries the colour.
 */
export const LEGEND_PROPS = {
  wrapperStyle: { fontSize: 12 },
  formatter: (value: unknown) => <span style={{ color: CHART_COLORS.legend }}>{String(value)}</span>,
} as const;

export function tooltipProps(timeZone: string | undefined) {
  return {
    labelFormatter: (value: unknown) => formatAbsolute(String(value), timeZone),
    contentStyle: { fontSize: 12, borderRadius: 8 },
  } as const;
}
