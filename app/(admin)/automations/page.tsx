import { dehydrate, HydrationBoundary } from "@tanstack/react-query";
import type { Metadata } from "next";
import { PageHeader } from "@/components/layout/page-header";
import { getQueryClient, trpc } from "@/server/trpc/server";
import { AutomationForm } from "./_components/automation-form";
import { AutomationList } from "./_components/automation-list";

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
      <div className="grid items-start gap-6 xl:grid-cols-[minmax(0,22rem)_minmax(0,1fr)]">
        <AutomationForm />
        <HydrationBoundary state={dehydrate(queryClient)}>
          <AutomationList />
        </HydrationBoundary>
      </div>
    </>
  );
}
