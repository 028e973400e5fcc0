"use client";
import { flexRender, type Table } from "@tanstack/react-table";
import { useRouter } from "next/navigation";
import type { MouseEvent, ReactNode } from "react";
import { errorMessage } from "@/components/trpc/errors";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { TableScroll } from "./table-scroll";

/** Column sizing and alignment, read from a column's `meta`. */
export interface ColumnMeta {
  className?: string;
}

/**
 * Renders a TanStack table with the states every list needs: loading (skeleton rows), error (with a
 * retry), empty, and a keyset "Load more" footer. With `rowHref`, a click anywhere on a row opens
 * it; keyboard users reach the same place through the link the row's first cell should hold.
 */
export function DataTable<Row>({
  table,
  label,
  loading = false,
  stale = false,
  error,
  onRetry,
  empty,
  rowHref,
  footer,
  fixedColumns = false,
}: {
  table: Table<Row>;
  label: string;
  /**
   * Column widths from the columns' `meta` classes alone, not their content: an empty or loading
   * table keeps its header where a full one has it. The table is then at least 60rem wide.
   */
  fixedColumns?: boolean;
  loading?: boolean;
  /** True while newer data for changed filters is on its way: the old rows stay, dimmed. */
  stale?: boolean;
  error?: string | null | undefined;
  onRetry?: () => void;
  empty: ReactNode;
  rowHref?: (row: Row) => string;
  footer?: ReactNode;
}) {
  const router = useRouter();
  const rows = table.getRowModel().rows;
  const columns = table.getVisibleLeafColumns().length;

  function openRow(event: MouseEvent, href: string) {
    // Clicks on the row's own links and buttons, and text selection, keep their meaning.
    if ((event.target as HTMLElement).closest("a, button, input, select, textarea, label")) return;
    if (window.getSelection()?.toString()) return;
    if (event.metaKey || event.ctrlKey) window.open(href, "_blank", "noopener");
    else router.push(href);
  }

  return (
    <div className="overflow-hidden rounded-xl bg-white shadow-sm ring-1 ring-slate-200">
      <TableScroll>
        <table
          aria-label={label}
          aria-busy={loading || stale}
          className={`min-w-full text-sm ${fixedColumns ? "min-w-[60rem] table-fixed" : ""}`}
        >
          <thead className="bg-slate-50/80">
            {table.getHeaderGroups().map((group) => (
              <tr key={group.id} className="border-b border-slate-200">
                {group.headers.map((header) => (
                  <th
                    key={header.id}
                    scope="col"
                    className={`px-4 py-2.5 text-left text-xs font-semibold tracking-wide text-slate-500 uppercase ${
                      (header.column.columnDef.meta as ColumnMeta | undefined)?.className ?? ""
                    }`}
                  >
                    {header.isPlaceholder
                      ? null
                      : flexRender(header.column.columnDef.header, header.getContext())}
                  </th>
                ))}
              </tr>
            ))}
          </thead>
          <tbody className={`divide-y divide-slate-100 transition-opacity ${stale ? "opacity-60" : ""}`}>
            {error ? (
              <tr>
                <td colSpan={columns} className="p-4">
                  <Alert tone="error">
                    <span className="flex items-center justify-between gap-4">
                      <span>{error}</span>
                      {onRetry ? (
                        <Button variant="secondary" size="sm" onClick={onRetry}>
                          Try again
                        </Button>
                      ) : null}
                    </span>
                  </Alert>
                </td>
              </tr>
            ) : loading ? (
              Array.from({ length: 6 }, (_, index) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: placeholders have nothing else to key on
                <tr key={index}>
                  {Array.from({ length: columns }, (_, cell) => (
                    // biome-ignore lint/suspicious/noArrayIndexKey: as above
                    <td key={cell} className="px-4 py-3.5">
                      {index === 0 && cell === 0 ? <span className="sr-only">Loading…</span> : null}
                      <div className="h-3.5 w-3/4 animate-pulse rounded bg-slate-100" />
                    </td>
                  ))}
                </tr>
              ))
            ) : rows.length === 0 ? (
              <tr>
                <td colSpan={columns}>{empty}</td>
              </tr>
            ) : (
              rows.map((row) => {
                const href = rowHref?.(row.original);
                return (
                  <tr
                    key={row.id}
                    onClick={href ? (event) => openRow(event, href) : undefined}
                    className={href ? "cursor-pointer hover:bg-slate-50" : "hover:bg-slate-50/60"}
                  >
                    {row.getVisibleCells().map((cell) => (
                      <td
                        key={cell.id}
                        className={`px-4 py-3 align-middle text-slate-700 ${
                          (cell.column.columnDef.meta as ColumnMeta | undefined)?.className ?? ""
                        }`}
                      >
                        {flexRender(cell.column.columnDef.cell, cell.getContext())}
                      </td>
                    ))}
                  </tr>
                );
              })
            )}
          </tbody>
        </table>
      </TableScroll>
      {footer && !error && !loading && rows.length > 0 ? <ListFooter>{footer}</ListFooter> : null}
    </div>
  );
}

/** The footer of a keyset-paged table: how many rows are shown, and a button for the next page. */
export function LoadMore({
  shown,
  noun,
  hasMore,
  loading,
  onLoadMore,
}: {
  shown: number;
  noun: string;
  hasMore: boolean;
  loading: boolean;
  onLoadMore: () => void;
}) {
  return (
    <>
      <span aria-live="polite">
        {shown.toLocaleString("en")} {noun}
        {hasMore ? " shown" : ", that's all"}
      </span>
      {hasMore ? (
        <Button variant="secondary" size="sm" onClick={onLoadMore} disabled={loading}>
          {loading ? "Loading…" : "Load more"}
        </Button>
      ) : null}
    </>
  );
}

/** The strip under a list (a table's, or a card's list of rows) that holds its LoadMore. */
export function ListFooter({ children }: { children: ReactNode }) {
  return (
    <div className="flex items-center justify-between gap-4 border-t border-slate-100 bg-slate-50/50 px-4 py-2.5 text-xs text-slate-500">
      {children}
    </div>
  );
}

/** What pagedTableProps needs of a keyset-paged (infinite) query. */
interface PagedQuery {
  isPending: boolean;
  isPlaceholderData: boolean;
  isError: boolean;
  error: unknown;
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  refetch: () => unknown;
  fetchNextPage: () => unknown;
}

/**
 * The DataTable props that every keyset-paged list fills the same way from its infinite query:
 * loading and stale states, the error with a retry (only while nothing is shown), and the
 * "Load more" footer.
 */
export function pagedTableProps(query: PagedQuery, shown: number, [singular, plural]: [string, string]) {
  return {
    loading: query.isPending,
    stale: query.isPlaceholderData,
    error: query.isError && shown === 0 ? errorMessage(query.error) : null,
    onRetry: () => void query.refetch(),
    footer: <QueryLoadMore query={query} shown={shown} nouns={[singular, plural]} />,
  };
}

/** LoadMore for a keyset-paged (infinite) query: how many rows it has shown, and its next page. */
export function QueryLoadMore({
  query,
  shown,
  nouns: [singular, plural],
}: {
  query: Pick<PagedQuery, "hasNextPage" | "isFetchingNextPage" | "fetchNextPage">;
  shown: number;
  nouns: [string, string];
}) {
  return (
    <LoadMore
      shown={shown}
      noun={shown === 1 ? singular : plural}
      hasMore={query.hasNextPage}
      loading={query.isFetchingNextPage}
      onLoadMore={() => void query.fetchNextPage()}
    />
  );
}
