"use client";
import { useEffect, useState } from "react";
import { useDebouncedValue } from "./use-debounced-value";

/**
 * A list's filters, kept in the page's address so a filtered view can be reloaded and shared:
 * `filter` is what the controls show, `applied` what the list queries (once typing stops), and
 * `replaceState` (not a navigation) keeps the address in step without a server render.
 */
export function useAddressFilters<T extends { [K in keyof T]: string }>(initial: T, delayMs = 300) {
  const [filter, setFilter] = useState(initial);
  const applied = useDebouncedValue(filter, delayMs);
  const filtered = Object.values(filter).some((value) => value !== "");
  const set = (name: keyof T) => (value: string) => setFilter((current) => ({ ...current, [name]: value }));

  useEffect(() => {
    const entries = Object.entries(applied) as [string, string][];
    const params = new URLSearchParams(entries.filter(([, value]) => value !== ""));
    const search = params.toString();
    window.history.replaceState(null, "", search ? `?${search}` : window.location.pathname);
  }, [applied]);

  return { filter, setFilter, applied, filtered, set };
}
