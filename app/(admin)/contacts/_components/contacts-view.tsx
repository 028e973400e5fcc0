"use client";
import { keepPreviousData, useInfiniteQuery, useQuery } from "@tanstack/react-query";
import {
  createColumnHelper,
  getCoreRowModel,
  type RowSelectionState,
  useReactTable,
} from "@tanstack/react-table";
import Link from "next/link";
import { useCallback, useEffect, useState } from "react";
import { DataTable, pagedTableProps } from "@/components/tables/data-table";
import { keysetPaging, useKeysetRows } from "@/components/tables/keyset-pages";
import { useTRPC } from "@/components/trpc/client";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { Input, Select } from "@/components/ui/field";
import { FilterBar, FilterField } from "@/components/ui/filter-bar";
import { RelativeTime } from "@/components/ui/relative-time";
import { TotalCount } from "@/components/ui/total-count";
import { useAddressFilters } from "@/components/ui/use-address-filters";
import { PermittedLink, usePermission } from "../../_components/role";
import { ContactExports } from "./contact-exports";
import { type BulkOutcome, ContactsBulkBar } from "./contacts-bulk-bar";
import { type ContactsFilter, contactsListInput } from "./contacts-filter";
import { ExportButton } from "./export-button";
import { StatusBadge } from "./status-badge";
import { TAG_SUGGESTIONS_ID, TagSuggestions } from "./tag-suggestions";
import type { Contact } from "./types";

const column = createColumnHelper<Contact>();
const MAX_TAGS_SHOWN = 3;
/** The search and the tag wait for typing to stop; a status applies at once. */
const TYPED = ["q", "tag"] as const;

// Widths for all but the email, which takes the rest (the table's columns are fixed).
const columns = [
  column.display({
    id: "select",
    meta: { className: "w-10" },
    // Nothing to select on an empty page: no box that would tick nothing, but its room is kept so
    // the header row keeps its height.
    header: ({ table }) =>
      table.getRowModel().rows.length === 0 ? (
        <input type="checkbox" disabled tabIndex={-1} aria-hidden="true" className="invisible size-4" />
      ) : (
        <input
          type="checkbox"
          aria-label="Select every contact shown"
          className="size-4 rounded border-slate-300 accent-brand-600"
          checked={table.getIsAllRowsSelected()}
          ref={(input) => {
            if (input) input.indeterminate = table.getIsSomeRowsSelected();
          }}
          onChange={table.getToggleAllRowsSelectedHandler()}
        />
      ),
    cell: ({ row }) => (
      <input
        type="checkbox"
        aria-label={`Select ${row.original.email}`}
        className="size-4 rounded border-slate-300 accent-brand-600"
        checked={row.getIsSelected()}
        onChange={row.getToggleSelectedHandler()}
      />
    ),
  }),
  column.accessor("email", {
    header: "Email",
    cell: (info) => (
      <Link
        href={`/contacts/${info.row.original.id}`}
        className="font-medium break-all text-slate-900 hover:text-brand-700 focus-visible:rounded-sm focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-500"
      >
        {info.getValue()}
      </Link>
    ),
  }),
  column.display({
    id: "name",
    header: "Name",
    meta: { className: "w-48" },
    cell: (info) => {
      const { first_name, last_name } = info.row.original;
      const name = [first_name, last_name].filter(Boolean).join(" ");
      return name ? <span>{name}</span> : <span className="text-slate-400">—</span>;
    },
  }),
  column.accessor("status", {
    header: "Status",
    meta: { className: "w-32" },
    cell: (info) => <StatusBadge status={info.getValue()} />,
  }),
  column.accessor("tags", {
    header: "Tags",
    meta: { className: "w-64" },
    cell: (info) => {
      const tags = info.getValue();
      if (tags.length === 0) return <span className="text-slate-400">—</span>;
      const hidden = tags.length - MAX_TAGS_SHOWN;
      return (
        <span className="flex flex-wrap gap-1" title={tags.join(", ")}>
          {tags.slice(0, MAX_TAGS_SHOWN).map((tag) => (
            <Badge key={tag} tone="brand">
              {tag}
            </Badge>
          ))}
          {hidden > 0 ? <Badge>+{hidden}</Badge> : null}
        </span>
      );
    },
  }),
  column.accessor("created_at", {
    header: "Created",
    meta: { className: "w-36 text-right whitespace-nowrap" },
    cell: (info) => <RelativeTime iso={info.getValue()} className="text-slate-500" />,
  }),
];

export function ContactsView({ initial }: { initial: ContactsFilter }) {
  const trpc = useTRPC();
  const {
    filter,
    setFilter,
    applied,
    search,
    filtered: anySet,
    set,
  } = useAddressFilters(initial, { typed: TYPED });
  const input = contactsListInput(applied);
  const filtered = "q" in input || "tag" in input || "status" in input;

  const query = useInfiniteQuery(trpc.contact.list.infiniteQueryOptions(input, keysetPaging));
  const { rows } = useKeysetRows(query.data);
  // The selection is of contacts on screen; a new filter shows other contacts, so it starts over.
  const [rowSelection, setRowSelection] = useState<RowSelectionState>({});
  const [outcome, setOutcome] = useState<BulkOutcome | null>(null);
  // "Select all N matching": the action then goes to every match, not just the rows on screen.
  const [allMatching, setAllMatching] = useState(false);
  useEffect(() => {
    if (search !== undefined) {
      setRowSelection({});
      setAllMatching(false);
    }
  }, [search]);
  const { limit: _limit, ...matchFilter } = input;
  const total = useQuery(trpc.contact.count.queryOptions(matchFilter, { placeholderData: keepPreviousData }));
  // Selecting is for bulk changes: not offered to who may not change contacts.
  const write = usePermission("contacts.write");
  const table = useReactTable({
    data: rows,
    columns,
    state: { rowSelection, columnVisibility: { select: write.allowed } },
    onRowSelectionChange: setRowSelection,
    enableRowSelection: true,
    getCoreRowModel: getCoreRowModel(),
    getRowId: (row) => row.id,
  });
  const selectedIds = Object.keys(rowSelection).filter((id) => rowSelection[id]);
  const wholePage = rows.length > 0 && selectedIds.length === rows.length;
  const moreThanShown = (total.data?.count ?? 0) > rows.length;
  const finishBulk = useCallback((result: BulkOutcome) => {
    setRowSelection({});
    setAllMatching(false);
    setOutcome(result);
  }, []);

  function clear() {
    setFilter({ q: "", status: "", tag: "" });
  }

  return (
    <div className="space-y-4">
      <FilterBar
        filtered={anySet}
        onClear={clear}
        actions={<ExportButton filter={matchFilter} filtered={filtered} />}
      >
        <FilterField label="Search" htmlFor="contact-search" className="min-w-64 flex-1 sm:max-w-sm">
          <Input
            id="contact-search"
            type="search"
            value={filter.q}
            onChange={(event) => set("q")(event.target.value)}
            placeholder="Email, name, company or domain"
            autoComplete="off"
            spellCheck={false}
          />
        </FilterField>
        <FilterField label="Status" htmlFor="contact-status" className="w-44">
          <Select
            id="contact-status"
            value={filter.status}
            onChange={(event) => set("status")(event.target.value)}
          >
            <option value="">Any status</option>
            <option value="subscribed">Subscribed</option>
            <option value="unsubscribed">Unsubscribed</option>
            <option value="bounced">Bounced</option>
          </Select>
        </FilterField>
        <FilterField label="Tag" htmlFor="contact-tag" className="w-40">
          <Input
            id="contact-tag"
            value={filter.tag}
            onChange={(event) => set("tag")(event.target.value)}
            placeholder="e.g. vip"
            list={TAG_SUGGESTIONS_ID}
            autoComplete="off"
            spellCheck={false}
          />
        </FilterField>
      </FilterBar>
      <TagSuggestions />
      <ContactExports />
      <TotalCount
        total={total.data}
        noun={filtered ? "matching contact" : "contact"}
        testId="contacts-total"
      />
      {outcome ? <Alert tone={outcome.tone}>{outcome.message}</Alert> : null}
      {selectedIds.length > 0 ? (
        <ContactsBulkBar
          ids={selectedIds}
          allMatching={allMatching && total.data ? { filter: matchFilter, ...total.data } : null}
          onSelectAllMatching={wholePage && moreThanShown && !allMatching ? () => setAllMatching(true) : null}
          onClear={() => {
            setRowSelection({});
            setAllMatching(false);
          }}
          onDone={finishBulk}
        />
      ) : null}
      <DataTable
        table={table}
        label="Contacts"
        fixedColumns
        {...pagedTableProps(query, rows.length, ["contact", "contacts"])}
        rowHref={(contact) => `/contacts/${contact.id}`}
        empty={
          filtered ? (
            <EmptyState
              title="No contacts match"
              description="Search looks for the text anywhere in an email, a name or a company. Try fewer letters or clear the filters."
              action={
                <Button variant="secondary" onClick={clear}>
                  Clear filters
                </Button>
              }
            />
          ) : (
            <EmptyState
              title="No contacts yet"
              description="Add your first contact here, or create them through the REST API with an API key."
              action={
                <PermittedLink action="contacts.write" href="/contacts/new">
                  New contact
                </PermittedLink>
              }
            />
          )
        }
      />
    </div>
  );
}
