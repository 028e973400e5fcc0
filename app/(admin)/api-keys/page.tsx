import { dehydrate, HydrationBoundary } from "@tanstack/react-query";
import type { Metadata } from "next";
import { PageHeader } from "@/components/layout/page-header";
import { requireUser } from "@/server/auth/current-user";
import { getQueryClient, trpc } from "@/server/trpc/server";
import { can } from "@/shared/permissions";
import { NotAllowed } from "../_components/role";
import { ApiKeysView } from "./_components/api-keys-view";

export const metadata: Metadata = { title: "API keys" };

export default async function ApiKeysPage() {
  const me = await requireUser();
  if (!can(me.role, "apiKeys.read")) {
    return (
      <>
        <PageHeader title="API keys" />
        <NotAllowed action="apiKeys.read" />
      </>
    );
  }
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
