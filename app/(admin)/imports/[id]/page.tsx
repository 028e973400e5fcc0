import { dehydrate, HydrationBoundary } from "@tanstack/react-query";
import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "@/components/layout/page-header";
import { getQueryClient, trpc } from "@/server/trpc/server";
import { ImportDetail } from "../_components/import-detail";

export const metadata: Metadata = { title: "Import" };

export default async function ImportPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const queryClient = getQueryClient();
  await queryClient.prefetchQuery(trpc.import.get.queryOptions({ id }));
  return (
    <>
      <Link href="/imports" className="mb-3 inline-block text-sm text-slate-500 hover:text-slate-900">
        ← All imports
      </Link>
      <PageHeader title="Import" />
      <HydrationBoundary state={dehydrate(queryClient)}>
        <ImportDetail id={id} />
      </HydrationBoundary>
    </>
  );
}
