"use client";
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { TableScroll } from "@/components/tables/table-scroll";
import { useTRPC } from "@/components/trpc/client";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { ProgressBar, progressPercent } from "@/components/ui/progress-bar";
import { RelativeTime } from "@/components/ui/relative-time";
import { ImportStatusBadge } from "./import-status";

const number = new Intl.NumberFormat("en");

export function ImportList() {
  const trpc = useTRPC();
  const imports = useQuery(
    trpc.import.list.queryOptions(undefined, {
      refetchInterval: (query) =>
        query.state.data?.some((job) => job.status === "queued" || job.status === "running") ? 1000 : false,
    }),
  );
  const rows = imports.data ?? [];
  return (
    <Card title="Past imports" padded={false}>
      {rows.length === 0 ? (
        <EmptyState title="No imports yet" description="Imports you start appear here with their results." />
      ) : (
        <TableScroll>
          <table className="w-full text-sm">
            <thead className="border-b border-slate-100 text-left text-xs font-medium text-slate-500">
              <tr>
                <th className="px-5 py-2.5 font-medium">File</th>
                <th className="px-5 py-2.5 font-medium">Status</th>
                <th className="px-5 py-2.5 text-right font-medium">Created</th>
                <th className="px-5 py-2.5 text-right font-medium">Updated</th>
                <th className="px-5 py-2.5 text-right font-medium">Skipped</th>
                <th className="px-5 py-2.5 text-right font-medium">Rejected</th>
                <th className="px-5 py-2.5 font-medium">Started</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {rows.map((job) => (
                <tr key={job.id} className="hover:bg-slate-50">
                  <td className="px-5 py-3">
                    <Link href={`/imports/${job.id}`} className="font-medium text-brand-700 hover:underline">
                      {job.file_name}
                    </Link>
                    <div className="text-xs text-slate-500">{number.format(job.total_rows)} rows</div>
                  </td>
                  <td className="px-5 py-3">
                    {job.status === "running" ? (
                      <div className="w-32 space-y-1">
                        <ProgressBar
                          percent={progressPercent(job.processed_rows, job.total_rows)}
                          label={`${job.file_name} progress`}
                        />
                        <div className="text-xs text-slate-500">
                          {progressPercent(job.processed_rows, job.total_rows)} %
                        </div>
                      </div>
                    ) : (
                      <ImportStatusBadge status={job.status} />
                    )}
                  </td>
                  <td className="px-5 py-3 text-right tabular-nums">{number.format(job.created)}</td>
                  <td className="px-5 py-3 text-right tabular-nums">{number.format(job.updated)}</td>
                  <td className="px-5 py-3 text-right tabular-nums">{number.format(job.skipped)}</td>
                  <td
                    className={`px-5 py-3 text-right tabular-nums ${job.rejected > 0 ? "text-red-700" : ""}`}
                  >
                    {number.format(job.rejected)}
                  </td>
                  <td className="px-5 py-3 text-slate-500">
                    {job.started_at ? <RelativeTime iso={job.started_at} /> : "—"}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
    </Card>
  );
}
