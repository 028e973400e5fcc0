"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "@/components/trpc/client";
import { errorMessage } from "@/components/trpc/errors";
import type { RouterOutputs } from "@/components/trpc/router-types";
import { Button, buttonClassName } from "@/components/ui/button";
import { ProgressBar, progressPercent } from "@/components/ui/progress-bar";
import { fileSize, quantity } from "@/components/ui/quantity";
import { AbsoluteTime } from "@/components/ui/time-zone";

type ContactExport = RouterOutputs["contact"]["exports"][number];

/** How often a running export's progress is read. */
const PROGRESS_MS = 700;

function unfinished(item: ContactExport): boolean {
  return item.status === "queued" || item.status === "running";
}

/** What was exported, in the words of the filters that chose it. */
function describeFilter(filter: ContactExport["filter"]): string {
  const parts = [
    filter.q ? `matching “${filter.q}”` : null,
    filter.tag ? `tagged ${filter.tag}` : null,
    filter.status ?? null,
  ].filter(Boolean);
  return parts.length === 0 ? "All contacts" : `Contacts ${parts.join(", ")}`;
}

/**
 * The admin's exports: progress while one runs (it carries on if they leave the page), then the
 * file to download until it expires. Shown only when there is one.
 */
export function ContactExports() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const exports = useQuery(
    trpc.contact.exports.queryOptions(undefined, {
      refetchInterval: (query) => (query.state.data?.some(unfinished) ? PROGRESS_MS : false),
    }),
  );
  const remove = useMutation(
    trpc.contact.deleteExport.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries(trpc.contact.exports.pathFilter()),
    }),
  );
  const items = exports.data ?? [];
  if (items.length === 0) return null;
  return (
    <section aria-label="Exports" className="rounded-lg bg-white shadow-sm ring-1 ring-slate-200">
      <h2 className="border-b border-slate-100 px-4 py-2 text-xs font-semibold tracking-wide text-slate-500 uppercase">
        Exports
      </h2>
      <ul className="divide-y divide-slate-100">
        {items.map((item) => (
          <li key={item.id} className="flex flex-wrap items-center gap-x-4 gap-y-2 px-4 py-3">
            <div className="min-w-56 flex-1 space-y-1.5">
              <p className="text-sm font-medium text-slate-900">{describeFilter(item.filter)}</p>
              <ExportStatus item={item} />
            </div>
            {item.status === "completed" ? (
              <a
                href={`/contacts/exports/${item.id}`}
                download
                className={buttonClassName("secondary", "sm")}
              >
                Download CSV
              </a>
            ) : null}
            <Button
              variant="ghost"
              size="sm"
              disabled={remove.isPending}
              onClick={() => remove.mutate({ id: item.id })}
            >
              {unfinished(item) ? "Cancel" : "Delete"}
              <span className="sr-only"> this export</span>
            </Button>
          </li>
        ))}
      </ul>
      {remove.error ? (
        <p role="alert" className="px-4 pb-3 text-sm text-red-700">
          {errorMessage(remove.error)}
        </p>
      ) : null}
    </section>
  );
}

function ExportStatus({ item }: { item: ContactExport }) {
  if (item.status === "failed") return <p className="text-sm text-red-700">{item.error}</p>;
  if (item.status === "completed") {
    return (
      <p className="text-sm text-slate-600" data-testid="export-ready">
        {quantity(item.written, "contact")} · {fileSize(item.size_bytes)} · ready, kept until{" "}
        {item.expires_at ? <AbsoluteTime iso={item.expires_at} /> : null}
      </p>
    );
  }
  return (
    <div className="space-y-1.5">
      <p className="text-sm text-slate-600" aria-live="polite" data-testid="export-progress">
        {item.status === "queued"
          ? "Waiting to start…"
          : `${item.written.toLocaleString("en")} of ${quantity(item.total, "contact")} written…`}{" "}
        <span className="text-slate-500">It carries on if you leave this page.</span>
      </p>
      <ProgressBar percent={progressPercent(item.written, item.total)} label="Export progress" />
    </div>
  );
}
