"use client";
import { useEffect, useMemo, useState } from "react";
import { addressSearch, appliedFilters } from "./address-filters";
import { useDebouncedValue } from "./use-debounced-value";

interface AddressFilterOptions<T> {
  /**
   * The fields typed into, whose changes the list takes once typing stops; the others (picked
   * from a list) it takes at once. Unset, every field waits. A constant: the hook memoizes on it.
   */
  typed?: readonly (keyof T)[];
  delayMs?: number;
}

/**
 * A list's filters, kept in the page's address so a filtered view can be reloaded and shared:
 * `filter` is what the controls show, `applied` what the list queries (see `typed`), `search` the
 * address's query string, and `replaceState` (not a navigation) keeps the address in step without
 * a server render.
 */
export function useAddressFilters<T extends { [K in keyof T]: string }>(
  initial: T,
  { typed, delayMs = 300 }: AddressFilterOptions<T> = {},
) {
  const [filter, setFilter] = useState(initial);
  const settled = useDebouncedValue(filter, delayMs);
  const applied = useMemo(() => appliedFilters(filter, settled, typed), [filter, settled, typed]);
  const search = addressSearch(applied);
  const filtered = Object.values(filter).some((value) => value !== "");
  const set = (name: keyof T) => (value: string) => setFilter((current) => ({ ...current, [name]: value }));

  useEffect(() => {
    window.history.replaceState(null, "", search ? `?${search}` : window.location.pathname);
  }, [search]);

  return { filter, setFilter, applied, search, filtered, set };
}
