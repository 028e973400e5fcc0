import { dehydrate, HydrationBoundary } from "@tanstack/react-query";
import type { Metadata } from "next";
import { PageHeader } from "@/components/layout/page-header";
import { ButtonLink } from "@/components/ui/button-link";
import { getQueryClient, trpc } from "@/server/trpc/server";
import { PermittedLink } from "../_components/role";
import { DeletedHooks } from "./_components/deleted-hooks";
import { hooksListInput, parseHooksFilter } from "./_components/hooks-filter";
import { HooksView } from "./_components/hooks-view";

export const metadata: Metadata = { title: "Hooks" };

export default async function HooksPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const filter = parseHooksFilter(await searchParams);
  const queryClient = getQueryClient();
  await Promise.all([
    queryClient.prefetchInfiniteQuery(
      trpc.hook.list.infiniteQueryOptions(hooksListInput(filter), {
        getNextPageParam: (page) => page.next_cursor,
      }),
    ),
    queryClient.prefetchQuery(trpc.hook.deletions.queryOptions()),
  ]);
  return (
    <>
      <PageHeader
        title="Hooks"
        description="Every subscription, whoever made it: where it sends, what it hears, and how it is doing."
        actions={
          <>
            <ButtonLink href="/docs/webhooks" variant="secondary">
              Receiving guide
            </ButtonLink>
            <PermittedLink action="hooks.write" href="/hooks/new">
              New hook
            </PermittedLink>
          </>
        }
      />
      <HydrationBoundary state={dehydrate(queryClient)}>
        <div className="space-y-8">
          <HooksView initial={filter} />
          <DeletedHooks />
        </div>
      </HydrationBoundary>
    </>
  );
}
