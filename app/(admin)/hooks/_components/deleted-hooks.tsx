"use client";
import { useQuery } from "@tanstack/react-query";
import { TableScroll } from "@/components/tables/table-scroll";
import { useTRPC } from "@/components/trpc/client";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { RelativeTime } from "@/components/ui/relative-time";

/**
 * Hooks that are gone, and why: a hook deleted by its receiver's 410 (or its integrator) would
 * otherwise just vanish from the list with its history.
 */
export function DeletedHooks() {
  const trpc = useTRPC();
  const deletions = useQuery(trpc.hook.deletions.queryOptions());
  const rows = deletions.data ?? [];
  if (rows.length === 0) return null;
  return (
    <Card
      title="Recently deleted"
      description="Deleted hooks and their delivery history are gone; this is what they were, and who removed them."
      padded={false}
    >
      <TableScroll>
        <table className="w-full text-sm" aria-label="Recently deleted hooks">
          <thead className="border-b border-slate-100 text-left text-xs font-semibold tracking-wide text-slate-500 uppercase">
            <tr>
              <th className="px-5 py-2.5">Hook</th>
              <th className="px-5 py-2.5">Deleted by</th>
              <th className="px-5 py-2.5 text-right">Delivered / failed</th>
              <th className="px-5 py-2.5 text-right">When</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {rows.map((hook) => (
              <tr key={hook.id}>
                <td className="px-5 py-2.5">
                  <div className="font-medium text-slate-900">{hook.name ?? hook.target_url}</div>
                  {hook.name ? <div className="text-xs text-slate-500">{hook.target_url}</div> : null}
                  <div className="font-mono text-xs text-slate-400">{hook.id}</div>
                </td>
                <td className="px-5 py-2.5 text-slate-700">
                  {hook.reason === "gone" ? <Badge tone="amber">410 Gone</Badge> : null} {hook.deleted_by}
                </td>
                <td className="px-5 py-2.5 text-right text-slate-700 tabular-nums">
                  {hook.delivered_count.toLocaleString()} / {hook.failed_count.toLocaleString()}
                </td>
                <td className="px-5 py-2.5 text-right whitespace-nowrap">
                  <RelativeTime iso={hook.deleted_at} className="text-slate-500" />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </Card>
  );
}
