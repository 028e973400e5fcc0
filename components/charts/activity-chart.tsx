"use client";
import type { TimeChartProps } from "./chart-frame";
import { CHART_COLORS } from "./palette";
import { StackedBarChart } from "./stacked-bar-chart";

export interface ActivityChartPoint {
  at: string;
  delivered: number;
  failed_attempts: number;
}

const SERIES = [
  { key: "delivered", name: "Delivered", color: CHART_COLORS.delivered },
  { key: "failed_attempts", name: "Failed attempts", color: CHART_COLORS.failed },
] as const;

/** Delivered vs failed attempts per bin, stacked: volume and trouble in one glance. */
export function ActivityChart(props: TimeChartProps<ActivityChartPoint>) {
  return <StackedBarChart series={SERIES} {...props} />;
}
