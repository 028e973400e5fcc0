// The hooks page's filters as the URL carries them; the server prefetch and the client query build
// the very same input, or the prefetched page would be thrown away.
export type HookStatusFilter = "" | "active" | "pending" | "disabled";

export interface HooksFilter {
  status: HookStatusFilter;
  event: string;
  q: string;
}

export const HOOKS_PAGE_SIZE = 25;

export function parseHooksFilter(params: Record<string, string | string[] | undefined>): HooksFilter {
  const status = typeof params.status === "string" ? params.status : "";
  // In the order the address keeps them.
  return {
    q: typeof params.q === "string" ? params.q.slice(0, 200) : "",
    status: ["active", "pending", "disabled"].includes(status) ? (status as HookStatusFilter) : "",
    event: typeof params.event === "string" ? params.event.slice(0, 100) : "",
  };
}

export function hooksListInput(filter: HooksFilter) {
  const q = filter.q.trim();
  return {
    ...(filter.status ? { status: filter.status } : {}),
    ...(filter.event ? { event: filter.event } : {}),
    ...(q ? { q } : {}),
    limit: HOOKS_PAGE_SIZE,
  };
}
