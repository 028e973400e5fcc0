import { dehydrate, HydrationBoundary } from "@tanstack/react-query";
import type { Metadata } from "next";
import { getQueryClient, trpc } from "@/server/trpc/server";
import { DashboardView } from "./_dashboard/dashboard-view";

export const metadata: Metadata = { title: "Dashboard" };

// The home page after sign-in: how deliveries are going, right now.
export default async function DashboardPage() {
  const queryClient = getQueryClient();
  await queryClient.prefetchQuery(trpc.dashboard.overview.queryOptions());
  return (
    <HydrationBoundary state={dehydrate(queryClient)}>
      <DashboardView />
    </HydrationBoundary>
  );
}
