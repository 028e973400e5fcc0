// The self-service portal's tRPC endpoint: the portal router only, authenticated by the link's
// token in a header (server/trpc/portal.ts), never by the admin's session cookie.
import { trpcHttpHandler } from "@/server/trpc/http";
import { createPortalContext } from "@/server/trpc/portal";
import { portalRouter } from "@/server/trpc/routers/portal.router";

const handler = trpcHttpHandler({
  endpoint: "/api/portal/trpc",
  router: portalRouter,
  createContext: createPortalContext,
});

export { handler as GET, handler as POST };
