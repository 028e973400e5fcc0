// The Events page's filters as the URL carries them; the server prefetch and the client query must
// build the very same input, or the prefetched page would be thrown away.
import { EVENT_SOURCES } from "@/shared/event.catalogue";

export type EventSourceFilter = (typeof EVENT_SOURCES)[number];

export interface EventsFilter {
  type: string;
  source: EventSourceFilter | "";
}

export const EVENTS_PAGE_SIZE = 50;

export function parseEventsFilter(params: Record<string, string | string[] | undefined>): EventsFilter {
  const type = typeof params.type === "string" ? params.type.slice(0, 64) : "";
  const source = typeof params.source === "string" ? params.source : "";
  return {
    type,
    source: (EVENT_SOURCES as readonly string[]).includes(source) ? (source as EventSourceFilter) : "",
  };
}

export function eventsListInput(filter: EventsFilter) {
  return {
    ...(filter.type ? { type: filter.type } : {}),
    ...(filter.source ? { source: filter.source } : {}),
    limit: EVENTS_PAGE_SIZE,
  };
}
