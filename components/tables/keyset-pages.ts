"use client";
// What every keyset-paged list does with its infinite query: ask for the next page with the last
// page's cursor, keep the old rows on screen (dimmed) while changed filters load, and show the
// pages loaded so far as one list.
import { type InfiniteData, keepPreviousData } from "@tanstack/react-query";
import { useMemo } from "react";

interface KeysetPage {
  data: unknown[];
  next_cursor: string | null;
  /** The last page stopped at its scan's bound before it found a full page (the delivery lists). */
  partial?: boolean;
}

/** Options for `…infiniteQueryOptions(input, { ...keysetPaging, … })`. */
export const keysetPaging = {
  getNextPageParam: (page: { next_cursor: string | null }) => page.next_cursor,
  placeholderData: keepPreviousData,
};

/** The loaded pages' rows as one list, and whether the last page was cut short by its scan. */
export function useKeysetRows<Page extends KeysetPage>(
  data: InfiniteData<Page> | undefined,
): { rows: Page["data"]; partial: boolean } {
  const rows = useMemo(() => data?.pages.flatMap((page) => page.data) ?? [], [data]);
  return { rows, partial: data?.pages.at(-1)?.partial ?? false };
}
