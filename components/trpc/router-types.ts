// The one place UI code reaches into server/, and only for types: the tRPC router's shape, from
// which the typed client and every page's row types are inferred. `import type` is erased at
// build time, so no server module ends up in a browser bundle; UI files import these names from
// here, never from server/ (the import-direction test holds that).
import type { inferRouterInputs, inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "@/server/trpc/root";

export type { AppRouter };
export type RouterInputs = inferRouterInputs<AppRouter>;
export type RouterOutputs = inferRouterOutputs<AppRouter>;
