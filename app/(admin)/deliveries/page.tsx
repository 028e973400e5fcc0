import { dehydrate, HydrationBoundary } from "@tanstack/react-query";
import type { Metadata } from "next";
import { PageHeader } from "@/components/layout/page-header";
import { requireUser } from "@/server/auth/current-user";
import { getQueryClient, trpc } from "@/server/trpc/server";
import { can } from "@/shared/permissions";
import { NotAllowed } from "../_components/role";
import { deliveriesListInput, parseDeliveriesFilter } from "./_components/deliveries-filter";
import { DeliveriesView } from "./_components/deliveries-view";

export const metadata: Metadata = { title: "Deliveries" };

export default async function DeliveriesPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const me = await requireUser();
  if (!can(me.role, "deliveries.read")) {
    return (
      <>
        <PageHeader title="Deliveries" />
        <NotAllowed action="deliveries.read" />
      </>
    );
  }
  const filter = parseDeliveriesFilter(await searchParams);
  const queryClient = getQueryClient();
  // A filter the server refuses is shown by the view, with the filters to fix it.
  await queryClient
    .prefetchInfiniteQuery(
      trpc.delivery.log.infiniteQueryOptions(deliveriesListInput(filter), {
        getNextPageParam: (page) => page.next_cursor,
      }),
    )
    .catch(() => undefined);
  return (
    <>
      <PageHeader
        title="Deliveries"
        description="Every hook's deliveries in one log, newest first. Filter by status, event, hook, contact or time, and send the failures a filter matches again in one go."
      />
      <HydrationBoundary state={dehydrate(queryClient)}>
        <DeliveriesView initial={filter} />
      </HydrationBoundary>
    </>
  );
}
