import type { ReactNode } from "react";

export function EmptyState({
  title,
  description,
  action,
  heading: Heading = "p",
}: {
  title: string;
  /** The title's element: "h1" where the empty state is the whole page (a not-found). */
  heading?: "h1" | "h2" | "p";
  description?: ReactNode;
  action?: ReactNode;
}) {
  return (
    <div className="flex flex-col items-center px-6 py-12 text-center">
      <Heading className="text-sm font-semibold text-slate-900">{title}</Heading>
      {description ? <p className="mt-1 max-w-sm text-sm text-slate-500">{description}</p> : null}
      {action ? <div className="mt-4">{action}</div> : null}
    </div>
  );
}
