import { dehydrate, HydrationBoundary } from "@tanstack/react-query";
import { TRPCError } from "@trpc/server";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getQueryClient, trpc } from "@/server/trpc/server";
import { EventDetailView } from "../_components/event-detail";

export const metadata: Metadata = { title: "Event" };

export default async function EventPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const queryClient = getQueryClient();
  try {
    await Promise.all([
      queryClient.fetchQuery(trpc.event.get.queryOptions({ eventId: id })),
      queryClient.prefetchInfiniteQuery(
        trpc.delivery.forEvent.infiniteQueryOptions(
          { eventId: id },
          { getNextPageParam: (page) => page.next_cursor },
        ),
      ),
    ]);
  } catch (error) {
    if (error instanceof TRPCError && (error.code === "NOT_FOUND" || error.code === "BAD_REQUEST"))
      notFound();
    throw error;
  }
  return (
    <HydrationBoundary state={dehydrate(queryClient)}>
      <EventDetailView eventId={id} />
    </HydrationBoundary>
  );
}
