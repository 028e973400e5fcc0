import { dehydrate, HydrationBoundary } from "@tanstack/react-query";
import type { Metadata } from "next";
import { getQueryClient, trpc } from "@/server/trpc/server";
import { ContactDetail } from "../_components/contact-detail";
import { contactEventsInput } from "../_components/contacts-filter";
import { loadContactOr404 } from "../_components/load-contact";

export const metadata: Metadata = { title: "Contact" };

export default async function ContactPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const queryClient = getQueryClient();
  await Promise.all([
    loadContactOr404(id),
    queryClient.prefetchInfiniteQuery(
      trpc.event.list.infiniteQueryOptions(contactEventsInput(id), {
        getNextPageParam: (page) => page.next_cursor,
      }),
    ),
  ]);
  return (
    <HydrationBoundary state={dehydrate(queryClient)}>
      <ContactDetail id={id} />
    </HydrationBoundary>
  );
}
