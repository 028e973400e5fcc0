// The delivery log's filters as the URL carries them (so a filtered view can be reloaded and
// shared); the server prefetch and the client query build the very same input from them, or the
// prefetched page would be thrown away.
export const DELIVERY_STATUS_OPTIONS = [
  { value: "pending", label: "Queued" },
  { value: "delivered", label: "Delivered" },
  { value: "failed", label: "Failed" },
  { value: "cancelled", label: "Cancelled" },
] as const;
export type DeliveryStatusValue = "" | (typeof DELIVERY_STATUS_OPTIONS)[number]["value"];

export interface DeliveriesFilterValues {
  status: DeliveryStatusValue;
  event: string;
  hook: string;
  contact: string;
  /** datetime-local values (the browser's zone), or "". */
  from: string;
  to: string;
}

export const DELIVERIES_PAGE_SIZE = 50;
export const EMPTY_DELIVERIES_FILTER: DeliveriesFilterValues = {
  status: "",
  event: "",
  hook: "",
  contact: "",
  from: "",
  to: "",
};

export function parseDeliveriesFilter(
  params: Record<string, string | string[] | undefined>,
): DeliveriesFilterValues {
  const read = (name: string) =>
    typeof params[name] === "string" ? (params[name] as string).slice(0, 200) : "";
  const status = read("status");
  return {
    status: DELIVERY_STATUS_OPTIONS.some((option) => option.value === status)
      ? (status as DeliveryStatusValue)
      : "",
    event: read("event"),
    hook: read("hook"),
    contact: read("contact"),
    from: read("from"),
    to: read("to"),
  };
}

/** An ISO time from the URL or a datetime-local field; a value that names no time is passed on for the server to refuse. */
function isoOf(value: string): string {
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? value : date.toISOString();
}

/** The filters as the log's procedures take them; what is empty is left out. */
export function deliveriesQueryOf(filter: DeliveriesFilterValues) {
  return {
    ...(filter.status ? { status: filter.status } : {}),
    ...(filter.event.trim() ? { eventType: filter.event.trim() } : {}),
    ...(filter.hook.trim() ? { hookId: filter.hook.trim() } : {}),
    ...(filter.contact.trim() ? { contactId: filter.contact.trim() } : {}),
    ...(filter.from ? { from: isoOf(filter.from) } : {}),
    ...(filter.to ? { to: isoOf(filter.to) } : {}),
  };
}

export function deliveriesListInput(filter: DeliveriesFilterValues) {
  return { filter: deliveriesQueryOf(filter), limit: DELIVERIES_PAGE_SIZE };
}
