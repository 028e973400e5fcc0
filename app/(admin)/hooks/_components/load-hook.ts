// For server pages under /hooks/[id]: the hook through the same procedure the client uses, left in
// the request's QueryClient for hydration; a bad or unknown id is the route's 404.
import { TRPCError } from "@trpc/server";
import { notFound } from "next/navigation";
import { getQueryClient, trpc } from "@/server/trpc/server";
import type { HookAdmin } from "./types";

export async function loadHookOr404(id: string): Promise<HookAdmin> {
  try {
    return await getQueryClient().fetchQuery(trpc.hook.get.queryOptions({ id }));
  } catch (error) {
    if (error instanceof TRPCError && (error.code === "NOT_FOUND" || error.code === "BAD_REQUEST"))
      notFound();
    throw error;
  }
}
