import { dehydrate, HydrationBoundary } from "@tanstack/react-query";
import type { Metadata } from "next";
import { PageHeader } from "@/components/layout/page-header";
import { getQueryClient, trpc } from "@/server/trpc/server";
import { RequirePermission } from "../_components/require-permission";
import { ImportList } from "./_components/import-list";
import { ImportUpload } from "./_components/import-upload";

export const metadata: Metadata = { title: "Imports" };

export default async function ImportsPage() {
  const queryClient = getQueryClient();
  await queryClient.prefetchQuery(trpc.import.list.queryOptions());
  return (
    <>
      <PageHeader title="Imports" description="Add or update contacts in bulk from a CSV file." />
      <div className="space-y-6">
        <RequirePermission action="imports.write">
          <ImportUpload />
        </RequirePermission>
        <HydrationBoundary state={dehydrate(queryClient)}>
          <ImportList />
        </HydrationBoundary>
      </div>
    </>
  );
}
