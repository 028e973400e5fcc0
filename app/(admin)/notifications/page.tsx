import { dehydrate, HydrationBoundary } from "@tanstack/react-query";
import type { Metadata } from "next";
import { PageHeader } from "@/components/layout/page-header";
import { getQueryClient, trpc } from "@/server/trpc/server";
import { NOTIFICATIONS_PAGE, NotificationsView } from "./_components/notifications-view";

export const metadata: Metadata = { title: "Notifications" };

export default async function NotificationsPage() {
  const queryClient = getQueryClient();
  await queryClient.prefetchInfiniteQuery(
    trpc.alert.notifications.infiniteQueryOptions(NOTIFICATIONS_PAGE, {
      getNextPageParam: (page) => page.next_cursor,
    }),
  );
  return (
    <>
      <PageHeader
        title="Notifications"
        description="Hooks that were disabled and deliveries that gave up after their last retry, newest first. Settings can send them to a chat tool too."
      />
      <HydrationBoundary state={dehydrate(queryClient)}>
        <NotificationsView />
      </HydrationBoundary>
    </>
  );
}
