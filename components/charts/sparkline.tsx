"use client";
import { Bar, BarChart, Cell } from "recharts";
import { CHART_COLORS } from "./palette";

/**
 * A tiny per-hour bar chart for a table cell: bar height is the attempts of that hour, red when
 * any of them failed. Fixed size, no axes: it is read for shape ("failing since this morning").
 */
export function Sparkline({
  points,
  label,
}: {
  points: ReadonlyArray<{ attempts: number; delivered: number }>;
  label: string;
}) {
  const data = points.map((point, index) => ({ index, ...point }));
  const empty = points.every((point) => point.attempts === 0);
  return (
    <div role="img" aria-label={label} className="h-6 w-16 shrink-0">
      {empty ? (
        <div className="mt-5 h-px w-16 bg-slate-200" />
      ) : (
        <BarChart
          width={64}
          height={24}
          data={data}
          margin={{ top: 1, right: 0, bottom: 0, left: 0 }}
          barGap={0}
        >
          <Bar dataKey="attempts" isAnimationActive={false} minPointSize={1}>
            {data.map((point) => (
              <Cell
                key={point.index}
                fill={
                  point.attempts === 0
                    ? CHART_COLORS.grid
                    : point.delivered < point.attempts
                      ? CHART_COLORS.failed
                      : CHART_COLORS.delivered
                }
              />
            ))}
          </Bar>
        </BarChart>
      )}
    </div>
  );
}
