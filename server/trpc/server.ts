// tRPC for server components: prefetch into a per-request QueryClient, then hand the cache to the
// client with <HydrationBoundary state={dehydrate(getQueryClient())}>.
import "server-only";
import { QueryClient } from "@tanstack/react-query";
import { createTRPCOptionsProxy } from "@trpc/tanstack-react-query";
import { headers } from "next/headers";
import { cache } from "react";
import { isHttps } from "@/server/auth/session-cookie";
import { getDb } from "@/server/database";
import { createTrpcContext } from "./init";
import { appRouter } from "./root";

/** One QueryClient per request, shared by every server component that renders in it. */
export const getQueryClient = cache(
  () => new QueryClient({ defaultOptions: { queries: { staleTime: 10_000, retry: false } } }),
);

const createContext = cache(async () => {
  const requestHeaders = new Headers(await headers());
  return createTrpcContext({
    db: await getDb(),
    headers: requestHeaders,
    secure: isHttps(requestHeaders),
    // Server components cannot set cookies; queries never try to.
    resHeaders: new Headers(),
  });
});

export const trpc = createTRPCOptionsProxy({
  ctx: createContext,
  router: appRouter,
  queryClient: getQueryClient,
});
