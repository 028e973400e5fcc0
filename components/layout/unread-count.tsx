"use client";
// The number of unread notifications beside "Notifications" in the navigation: polled, so a hook
// disabled while the admin is on another page shows up without a reload.
import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/components/trpc/client";

const POLL_MS = 15_000;
/** The server counts no further than this; more reads as "99+". */
const SHOWN_UP_TO = 99;

export function UnreadCount() {
  const trpc = useTRPC();
  const unread = useQuery({ ...trpc.alert.unreadCount.queryOptions(), refetchInterval: POLL_MS });
  const count = unread.data ?? 0;
  if (count === 0) return null;
  return (
    <span
      data-testid="unread-count"
      className="ml-auto inline-flex min-w-5 items-center justify-center rounded-full bg-red-600 px-1.5 text-xs font-semibold text-white"
    >
      <span className="sr-only">, unread: </span>
      {count > SHOWN_UP_TO ? `${SHOWN_UP_TO}+` : count}
    </span>
  );
}
