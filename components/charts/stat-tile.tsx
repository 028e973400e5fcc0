import type { ReactNode } from "react";

/** A headline figure with its label and a line of context; tone marks trouble. */
export function StatTile({
  label,
  value,
  hint,
  tone = "neutral",
  testId,
}: {
  label: string;
  value: ReactNode;
  hint?: ReactNode;
  tone?: "neutral" | "good" | "bad" | "warn";
  testId?: string;
}) {
  const valueTone =
    tone === "good"
      ? "text-emerald-700"
      : tone === "bad"
        ? "text-red-700"
        : tone === "warn"
          ? "text-amber-700"
          : "text-slate-900";
  return (
    <div className="rounded-xl bg-white px-5 py-4 shadow-sm ring-1 ring-slate-200" data-testid={testId}>
      <p className="text-xs font-medium tracking-wide text-slate-500 uppercase">{label}</p>
      <p
        className={`mt-1 text-2xl font-semibold tabular-nums tracking-tight ${valueTone}`}
        data-testid={testId ? `${testId}-value` : undefined}
      >
        {value}
      </p>
      {hint ? <p className="mt-1 text-xs text-slate-500">{hint}</p> : null}
    </div>
  );
}
