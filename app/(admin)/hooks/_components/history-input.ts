// The delivery history's query input; the server prefetch and the client query must build the very
// same one, or the prefetched page would be thrown away.
export const HISTORY_PAGE_SIZE = 25;
export type DeliveryStatusFilter = "" | "pending" | "delivered" | "failed" | "cancelled";

export function historyInput(hookId: string, status: DeliveryStatusFilter, eventType: string) {
  return {
    hookId,
    ...(status ? { status } : {}),
    ...(eventType ? { eventType } : {}),
    limit: HISTORY_PAGE_SIZE,
  };
}
