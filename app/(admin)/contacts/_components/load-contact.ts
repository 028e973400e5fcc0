// For server pages under /contacts/[id]: the contact through the same procedure the client uses,
// left in the request's QueryClient for hydration; a bad or unknown id is the route's 404.
import { TRPCError } from "@trpc/server";
import { notFound } from "next/navigation";
import { getQueryClient, trpc } from "@/server/trpc/server";
import type { Contact } from "./types";

export async function loadContactOr404(id: string): Promise<Contact> {
  try {
    return await getQueryClient().fetchQuery(trpc.contact.get.queryOptions({ id }));
  } catch (error) {
    if (error instanceof TRPCError && (error.code === "NOT_FOUND" || error.code === "BAD_REQUEST"))
      notFound();
    throw error;
  }
}
