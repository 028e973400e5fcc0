import { trpcHttpHandler } from "@/server/trpc/http";
import { createTrpcContext } from "@/server/trpc/init";
import { appRouter } from "@/server/trpc/root";

const handler = trpcHttpHandler({
  endpoint: "/api/trpc",
  router: appRouter,
  createContext: createTrpcContext,
});

export { handler as GET, handler as POST };
