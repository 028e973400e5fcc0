import { dehydrate, HydrationBoundary } from "@tanstack/react-query";
import type { Metadata } from "next";
import { PageHeader } from "@/components/layout/page-header";
import { getQueryClient, trpc } from "@/server/trpc/server";
import { eventsListInput, parseEventsFilter } from "./_components/events-filter";
import { EventsView } from "./_components/events-view";

export const metadata: Metadata = { title: "Events" };

export default async function EventsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const filter = parseEventsFilter(await searchParams);
  const queryClient = getQueryClient();
  await Promise.all([
    queryClient.prefetchInfiniteQuery(
      trpc.event.list.infiniteQueryOptions(eventsListInput(filter), {
        getNextPageParam: (page) => page.next_cursor,
      }),
    ),
    queryClient.prefetchQuery(trpc.event.catalogue.queryOptions()),
  ]);
  return (
    <>
      <PageHeader
        title="Events"
        description="Every change to a contact, newest first: what happened, who did it, and from where."
      />
      <HydrationBoundary state={dehydrate(queryClient)}>
        <EventsView initial={filter} />
      </HydrationBoundary>
    </>
  );
}
