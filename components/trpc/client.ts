"use client";
// The typed tRPC hooks for client components: `const trpc = useTRPC()`.
import { createTRPCContext } from "@trpc/tanstack-react-query";
import type { AppRouter } from "@/components/trpc/router-types";

export const { TRPCProvider, useTRPC, useTRPCClient } = createTRPCContext<AppRouter>();
