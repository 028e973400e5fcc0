// The one place UI code reaches into server/, and only for types: the tRPC routers' shapes (the
// admin UI's and the portal's), from which the typed clients and every page's row types are
// inferred. `import type` is erased at build time, so no server module ends up in a browser
// bundle; UI files import these names from here, never from server/ (the import-direction test
// holds that).
import type { inferRouterInputs, inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "@/server/trpc/root";
import type { PortalRouter } from "@/server/trpc/routers/portal.router";

export type { AppRouter, PortalRouter };
export type RouterInputs = inferRouterInputs<AppRouter>;
export type RouterOutputs = inferRouterOutputs<AppRouter>;
