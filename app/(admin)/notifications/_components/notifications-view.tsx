"use client";
import { useInfiniteQuery, useMutation, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { keysetPaging, useKeysetRows } from "@/components/tables/keyset-pages";
import { useTRPC } from "@/components/trpc/client";
import { errorMessage } from "@/components/trpc/errors";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { RelativeTime } from "@/components/ui/relative-time";

export const NOTIFICATIONS_PAGE = { limit: 25 };

const KIND: Record<string, string> = {
  "hook.disabled": "Hook disabled",
  "delivery.exhausted": "Delivery gave up",
};

export function NotificationsView() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const list = useInfiniteQuery(
    trpc.alert.notifications.infiniteQueryOptions(NOTIFICATIONS_PAGE, keysetPaging),
  );
  // The list and the count in the navigation change together.
  const refresh = () =>
    Promise.all([
      queryClient.invalidateQueries(trpc.alert.notifications.pathFilter()),
      queryClient.invalidateQueries(trpc.alert.unreadCount.pathFilter()),
    ]);
  const markRead = useMutation(trpc.alert.markRead.mutationOptions({ onSuccess: refresh }));
  const markAll = useMutation(trpc.alert.markAllRead.mutationOptions({ onSuccess: refresh }));
  const { rows: items } = useKeysetRows(list.data);
  const anyUnread = items.some((item) => !item.read);
  const failed = markRead.error ?? markAll.error ?? list.error;

  return (
    <Card
      title="All notifications"
      padded={false}
      actions={
        <Button
          variant="secondary"
          size="sm"
          disabled={!anyUnread || markAll.isPending}
          onClick={() => markAll.mutate()}
        >
          Mark all read
        </Button>
      }
    >
      {failed ? (
        <div className="px-5 pt-4">
          <Alert tone="error">{errorMessage(failed)}</Alert>
        </div>
      ) : null}
      {items.length === 0 ? (
        <EmptyState
          title={list.isPending ? "Loading…" : "Nothing to report"}
          description="When a hook is disabled or a delivery gives up, it shows here."
        />
      ) : (
        <ul className="divide-y divide-slate-100" aria-label="Notifications">
          {items.map((item) => (
            <li
              key={item.id}
              data-read={item.read}
              className={`flex flex-col gap-2 px-5 py-3 text-sm sm:flex-row sm:items-start sm:justify-between ${item.read ? "" : "bg-brand-50/40"}`}
            >
              <div className="min-w-0 space-y-1">
                <div className="flex flex-wrap items-center gap-2">
                  <Badge tone={item.type === "hook.disabled" ? "red" : "amber"}>
                    {KIND[item.type] ?? item.type}
                  </Badge>
                  {item.read ? null : <span className="text-xs font-semibold text-brand-700">Unread</span>}
                  <RelativeTime iso={item.created_at} className="text-xs text-slate-500" />
                </div>
                <p className="break-words text-slate-800">{item.text}</p>
              </div>
              <div className="flex shrink-0 items-center gap-2">
                {item.hook_id ? (
                  <Link
                    href={`/hooks/${item.hook_id}`}
                    className="text-sm font-medium text-brand-600 hover:underline"
                  >
                    Open hook
                  </Link>
                ) : null}
                {item.read ? null : (
                  <Button
                    variant="ghost"
                    size="sm"
                    disabled={markRead.isPending}
                    onClick={() => markRead.mutate({ id: item.id })}
                  >
                    Mark read
                  </Button>
                )}
              </div>
            </li>
          ))}
        </ul>
      )}
      {list.hasNextPage ? (
        <div className="border-t border-slate-100 px-5 py-3">
          <Button
            variant="secondary"
            size="sm"
            disabled={list.isFetchingNextPage}
            onClick={() => void list.fetchNextPage()}
          >
            {list.isFetchingNextPage ? "Loading…" : "Show older"}
          </Button>
        </div>
      ) : null}
    </Card>
  );
}
