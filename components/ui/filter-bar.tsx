"use client";
import type { ReactNode } from "react";
import { Button } from "./button";
import { Field, Input } from "./field";

/**
 * The row of filters above a list (hooks, events, contacts, audit): labelled controls side by
 * side, wrapping on a narrow screen, "Clear filters" while any is set, and the list's own actions
 * (an export) at the end. A `search` landmark, so assistive technology can jump to it.
 */
export function FilterBar({
  filtered,
  onClear,
  actions,
  children,
}: {
  /** Whether any filter is set: shows "Clear filters". */
  filtered: boolean;
  onClear: () => void;
  /** After the filters, e.g. an export button. */
  actions?: ReactNode;
  children: ReactNode;
}) {
  return (
    <search className="flex flex-wrap items-end gap-3">
      {children}
      {filtered ? (
        <Button variant="ghost" onClick={onClear}>
          Clear filters
        </Button>
      ) : null}
      {actions}
    </search>
  );
}

/** One filter of a FilterBar: its label over its control, at a width that suits it. */
export function FilterField({
  label,
  htmlFor,
  className,
  children,
}: {
  label: string;
  htmlFor: string;
  /** Its width: "w-44"; the search box grows ("min-w-64 flex-1 sm:max-w-sm"). */
  className: string;
  children: ReactNode;
}) {
  return (
    <div className={className}>
      <Field label={label} htmlFor={htmlFor}>
        {children}
      </Field>
    </div>
  );
}

/** A FilterField around a text (or date-time) input: the usual filter by id, name or time. */
export function FilterInput({
  label,
  id,
  className,
  value,
  onChange,
  ...input
}: {
  label: string;
  id: string;
  className: string;
  value: string;
  onChange: (value: string) => void;
  placeholder?: string;
  type?: "text" | "datetime-local";
}) {
  return (
    <FilterField label={label} htmlFor={id} className={className}>
      <Input
        id={id}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        autoComplete="off"
        {...input}
      />
    </FilterField>
  );
}
