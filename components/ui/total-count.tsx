import { quantity } from "./quantity";

/**
 * A list's total, as the server's bounded count gives it: "60 matching contacts" when counted
 * exactly, "About 1,200,000 events (estimated)" past the bound, so nobody takes a guess for a fact.
 * Nothing at zero: the list's empty state says it better.
 */
export function TotalCount({
  total,
  noun,
  testId,
}: {
  total: { count: number; exact: boolean } | undefined;
  /** Singular; "matching contact" when filters apply. */
  noun: string;
  testId: string;
}) {
  // Its line is kept while the count loads, so the list below does not jump when it arrives.
  if (!total) return <p className="h-5" aria-hidden="true" />;
  if (total.count === 0) return null;
  return (
    <p className="text-sm text-slate-500" data-testid={testId} aria-live="polite">
      {total.exact ? "" : "About "}
      {quantity(total.count, noun)}
      {total.exact ? "" : " (estimated)"}
    </p>
  );
}
