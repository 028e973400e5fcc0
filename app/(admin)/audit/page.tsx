import { dehydrate, HydrationBoundary } from "@tanstack/react-query";
import type { Metadata } from "next";
import { PageHeader } from "@/components/layout/page-header";
import { requireUser } from "@/server/auth/current-user";
import { getQueryClient, trpc } from "@/server/trpc/server";
import { can } from "@/shared/permissions";
import { NotAllowed } from "../_components/role";
import { auditListInput, parseAuditFilter } from "./_components/audit-filter";
import { AuditView } from "./_components/audit-view";

export const metadata: Metadata = { title: "Audit log" };

export default async function AuditPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const me = await requireUser();
  if (!can(me.role, "audit.read")) {
    return (
      <>
        <PageHeader title="Audit log" />
        <NotAllowed action="audit.read" />
      </>
    );
  }
  const filter = parseAuditFilter(await searchParams);
  const queryClient = getQueryClient();
  await queryClient.prefetchInfiniteQuery(
    trpc.audit.list.infiniteQueryOptions(auditListInput(filter), {
      getNextPageParam: (page) => page.next_cursor,
    }),
  );
  return (
    <>
      <PageHeader
        title="Audit log"
        description="Every change to user accounts (two-factor sign-in included), API keys, hooks, automations, imports and settings, and every delivery sent or sent again by hand: who made it (a user, an API key or Hookline itself), what changed, when and from where. Kept as long as the delivery history."
      />
      <HydrationBoundary state={dehydrate(queryClient)}>
        <AuditView initial={filter} />
      </HydrationBoundary>
    </>
  );
}
