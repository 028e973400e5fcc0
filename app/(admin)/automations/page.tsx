import { dehydrate, HydrationBoundary } from "@tanstack/react-query";
import type { Metadata } from "next";
import { PageHeader } from "@/components/layout/page-header";
import { getQueryClient, trpc } from "@/server/trpc/server";
import { AutomationsView } from "./_components/automations-view";

export const metadata: Metadata = { title: "Automations" };

export default async function AutomationsPage() {
  const queryClient = getQueryClient();
  await queryClient.prefetchQuery(trpc.automation.list.queryOptions());
  return (
    <>
      <PageHeader
        title="Automations"
        description="When a contact gets a tag, wait, then change its status or tag it again. Changes are made as “system”."
      />
      <HydrationBoundary state={dehydrate(queryClient)}>
        <AutomationsView />
      </HydrationBoundary>
    </>
  );
}
