"use client";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { EventsTable } from "@/components/tables/events-table";
import { useTRPC } from "@/components/trpc/client";
import { EmptyState } from "@/components/ui/empty-state";
import { Select } from "@/components/ui/field";
import { FilterBar, FilterField } from "@/components/ui/filter-bar";
import { TotalCount } from "@/components/ui/total-count";
import { useAddressFilters } from "@/components/ui/use-address-filters";
import { type EventSourceFilter, type EventsFilter, eventsListInput } from "./events-filter";

const SOURCES: Array<{ value: EventSourceFilter; label: string }> = [
  { value: "admin", label: "Admin (this UI)" },
  { value: "api", label: "API" },
  { value: "public", label: "Public (the contact)" },
  { value: "system", label: "System" },
];
const NONE_TYPED = [] as const;

export function EventsView({ initial }: { initial: EventsFilter }) {
  const trpc = useTRPC();
  const catalogue = useQuery(trpc.event.catalogue.queryOptions());
  // Both filters are picked from a list: the list takes them at once.
  const { filter, setFilter, applied, filtered, set } = useAddressFilters(initial, { typed: NONE_TYPED });
  const { limit: _limit, ...countFilter } = eventsListInput(applied);
  const total = useQuery(trpc.event.count.queryOptions(countFilter, { placeholderData: keepPreviousData }));

  return (
    <div className="space-y-4">
      <FilterBar filtered={filtered} onClear={() => setFilter({ type: "", source: "" })}>
        <FilterField label="Type" htmlFor="event-type" className="w-56">
          <Select id="event-type" value={filter.type} onChange={(event) => set("type")(event.target.value)}>
            <option value="">All types</option>
            {(catalogue.data ?? []).map((entry) => (
              <option key={entry.type} value={entry.type}>
                {entry.type}
              </option>
            ))}
          </Select>
        </FilterField>
        <FilterField label="Source" htmlFor="event-source" className="w-52">
          <Select
            id="event-source"
            value={filter.source}
            onChange={(event) => set("source")(event.target.value)}
          >
            <option value="">All sources</option>
            {SOURCES.map((source) => (
              <option key={source.value} value={source.value}>
                {source.label}
              </option>
            ))}
          </Select>
        </FilterField>
      </FilterBar>
      <TotalCount total={total.data} noun={filtered ? "matching event" : "event"} testId="events-total" />
      <EventsTable
        input={eventsListInput(applied)}
        empty={
          filtered ? (
            <EmptyState
              title="No events match these filters"
              description="Try another type or source, or clear the filters."
            />
          ) : (
            <EmptyState
              title="No events yet"
              description="Events appear here as soon as a contact is added, changed or deleted — in this UI, through the API, or by the contact."
            />
          )
        }
      />
    </div>
  );
}
