import { Card } from "@/components/ui/card";

/** How long delivery history is kept: set by HOOKLINE_RETENTION_DAYS, shown so admins know. */
export function RetentionCard({ days }: { days: number | null }) {
  return (
    <Card title="History retention" description="Set with HOOKLINE_RETENTION_DAYS (0 keeps everything).">
      <p className="text-sm text-slate-700">
        {days === null ? (
          "Deliveries, their attempts and events are kept forever."
        ) : (
          <>
            Deliveries with their attempts, events, the dashboard's per-minute counts and the record of
            deleted hooks are deleted once older than{" "}
            <strong className="font-semibold text-slate-900">
              {days} {days === 1 ? "day" : "days"}
            </strong>
            .
          </>
        )}
      </p>
      <p className="mt-2 text-xs text-slate-500">
        Pending work is never deleted: a delivery still being retried, and its event, stay until done.
      </p>
    </Card>
  );
}
