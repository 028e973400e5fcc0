import { dehydrate, HydrationBoundary } from "@tanstack/react-query";
import type { Metadata } from "next";
import { PageHeader } from "@/components/layout/page-header";
import { getQueryClient, trpc } from "@/server/trpc/server";
import { PermittedLink } from "../_components/role";
import { contactsListInput, parseContactsFilter } from "./_components/contacts-filter";
import { ContactsView } from "./_components/contacts-view";

export const metadata: Metadata = { title: "Contacts" };

export default async function ContactsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const filter = parseContactsFilter(await searchParams);
  const queryClient = getQueryClient();
  await Promise.all([
    queryClient.prefetchInfiniteQuery(
      trpc.contact.list.infiniteQueryOptions(contactsListInput(filter), {
        getNextPageParam: (page) => page.next_cursor,
      }),
    ),
    // The admin's exports, so the page does not shift when they appear.
    queryClient.prefetchQuery(trpc.contact.exports.queryOptions()),
  ]);
  return (
    <>
      <PageHeader
        title="Contacts"
        description="Everyone Hookline knows, newest first."
        actions={
          <PermittedLink action="contacts.write" href="/contacts/new">
            New contact
          </PermittedLink>
        }
      />
      <HydrationBoundary state={dehydrate(queryClient)}>
        <ContactsView initial={filter} />
      </HydrationBoundary>
    </>
  );
}
