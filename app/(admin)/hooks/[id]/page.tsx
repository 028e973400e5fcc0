import { dehydrate, HydrationBoundary } from "@tanstack/react-query";
import type { Metadata } from "next";
import { hookTitle } from "@/components/hooks/hook-title";
import { getQueryClient, trpc } from "@/server/trpc/server";
import { historyInput } from "../_components/history-input";
import { HookDetail } from "../_components/hook-detail";
import { loadHookOr404 } from "../_components/load-hook";

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }): Promise<Metadata> {
  return { title: hookTitle(await loadHookOr404((await params).id)) };
}

export default async function HookPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const queryClient = getQueryClient();
  await Promise.all([
    loadHookOr404(id),
    queryClient
      .prefetchInfiniteQuery(
        trpc.delivery.history.infiniteQueryOptions(historyInput(id, "", ""), {
          getNextPageParam: (page) => page.next_cursor,
        }),
      )
      .catch(() => {}),
    queryClient
      .prefetchQuery(trpc.dashboard.hookActivity.queryOptions({ hookId: id, range: "24h" }))
      .catch(() => {}),
  ]);
  return (
    <HydrationBoundary state={dehydrate(queryClient)}>
      <HookDetail id={id} />
    </HydrationBoundary>
  );
}
