"use client";
// The portal's own tRPC client: its endpoint, its token in a header on every call (a framed
// portal gets no cookies), and its own query cache, apart from the admin UI's.
import { QueryClientProvider } from "@tanstack/react-query";
import { createTRPCClient, httpBatchLink } from "@trpc/client";
import { createTRPCContext } from "@trpc/tanstack-react-query";
import { type ReactNode, useState } from "react";
import { makeQueryClient } from "@/components/trpc/provider";
import type { PortalRouter } from "@/components/trpc/router-types";
import { PORTAL_TOKEN_HEADER } from "@/shared/portal-header";

export const { TRPCProvider: PortalTRPCProvider, useTRPC: usePortalTRPC } = createTRPCContext<PortalRouter>();

export function PortalTrpcProvider({ token, children }: { token: string; children: ReactNode }) {
  const [queryClient] = useState(makeQueryClient);
  const [trpcClient] = useState(() =>
    createTRPCClient<PortalRouter>({
      links: [httpBatchLink({ url: "/api/portal/trpc", headers: { [PORTAL_TOKEN_HEADER]: token } })],
    }),
  );
  return (
    <QueryClientProvider client={queryClient}>
      <PortalTRPCProvider trpcClient={trpcClient} queryClient={queryClient}>
        {children}
      </PortalTRPCProvider>
    </QueryClientProvider>
  );
}
