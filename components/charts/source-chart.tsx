"use client";
import type { TimeChartProps } from "./chart-frame";
import { CHART_COLORS } from "./palette";
import { StackedBarChart } from "./stacked-bar-chart";

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
export function SourceChart(props: TimeChartProps<SourceChartPoint>) {
  return <StackedBarChart series={SOURCES} barGap={2} {...props} />;
}
