import { dehydrate, HydrationBoundary } from "@tanstack/react-query";
import type { Metadata } from "next";
import { PageHeader } from "@/components/layout/page-header";
import { getQueryClient, trpc } from "@/server/trpc/server";
import { ApiKeysView } from "./_components/api-keys-view";

export const metadata: Metadata = { title: "API keys" };

export default async function ApiKeysPage() {
  const queryClient = getQueryClient();
  await queryClient.prefetchQuery(trpc.apiKey.list.queryOptions());
  return (
    <>
      <PageHeader
        title="API keys"
        description="Each key is one integrator: it calls the REST API and owns the hooks it creates."
      />
      <HydrationBoundary state={dehydrate(queryClient)}>
        <ApiKeysView />
      </HydrationBoundary>
    </>
  );
}
