// One palette for every chart, so "delivered" and "failed" look the same on every page.
export const CHART_COLORS = {
  delivered: "#10b981",
  failed: "#ef4444",
  gaveUp: "#7f1d1d",
  p50: "#3b55e6",
  p99: "#f59e0b",
  grid: "#e2e8f0",
  axis: "#64748b",
  /** slate-700: 10:1 on white. */
  legend: "#334155",
  admin: "#3b55e6",
  api: "#8b5cf6",
  public: "#10b981",
  system: "#94a3b8",
} as const;

/** Axis labels, 24 h in the admin's zone: clock time for a day or less, weekday + hour beyond. */
export function formatTick(iso: string, stepSeconds: number, timeZone?: string): string {
  const days = stepSeconds >= 3600 * 2;
  return new Intl.DateTimeFormat("en-GB", {
    timeZone,
    hourCycle: "h23",
    ...(days ? { weekday: "short", hour: "2-digit" } : { hour: "2-digit", minute: "2-digit" }),
  }).format(new Date(iso));
}

export function formatMs(ms: number | null | undefined): string {
  if (ms === null || ms === undefined) return "—";
  if (ms >= 1000) return `${(ms / 1000).toFixed(ms >= 10_000 ? 0 : 1)} s`;
  return `${ms >= 100 ? Math.round(ms) : ms.toFixed(ms < 10 ? 1 : 0)} ms`;
}

export function formatRate(rate: number | null | undefined): string {
  if (rate === null || rate === undefined) return "—";
  const percent = rate * 100;
  if (percent === 100 || percent === 0) return `${percent}%`;
  return `${percent >= 99 ? percent.toFixed(2) : percent.toFixed(1)}%`;
}
