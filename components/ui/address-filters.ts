// The pure parts of useAddressFilters: which values a list queries, and the address that keeps them.

/**
 * What a list queries: the typed fields (`typed`) as they stood when typing stopped (`settled`), the
 * others — picked from a list, so never half-written — as they are now. No `typed`: every field
 * waits for typing to stop.
 */
export function appliedFilters<T extends { [K in keyof T]: string }>(
  current: T,
  settled: T,
  typed: readonly (keyof T)[] | undefined,
): T {
  if (!typed) return settled;
  const applied = { ...current };
  for (const name of typed) applied[name] = settled[name];
  return applied;
}

/**
 * The query string that keeps filter values in the address, in their order: blanks around a value
 * dropped (they mean nothing to any list), empty values left out. "" when nothing is filtered.
 */
export function addressSearch<T extends { [K in keyof T]: string }>(values: T): string {
  const entries = (Object.entries(values) as [string, string][])
    .map(([name, value]) => [name, value.trim()] as [string, string])
    .filter(([, value]) => value !== "");
  return new URLSearchParams(entries).toString();
}
