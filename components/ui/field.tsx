"use client";
import {
  createContext,
  forwardRef,
  type InputHTMLAttributes,
  type ReactNode,
  type SelectHTMLAttributes,
  useContext,
} from "react";

const CONTROL =
  "block w-full rounded-md border-0 bg-white px-3 py-2 text-sm text-slate-900 shadow-sm ring-1 ring-inset ring-slate-300 placeholder:text-slate-400 focus:outline-none focus:ring-2 focus:ring-inset focus:ring-brand-500 aria-[invalid=true]:ring-red-500";

/** What a Field tells the control it labels: which text describes it, and whether it is in error. */
const FieldContext = createContext<{
  controlId: string;
  describedBy: string | undefined;
  invalid: boolean;
} | null>(null);

/**
 * aria-describedby and aria-invalid for the control a Field labels (the one whose id is the
 * Field's htmlFor), so a screen reader reads the error or hint with the control, not only when
 * the error first appears. What the control sets itself wins.
 */
function useFieldAria(
  props: Pick<InputHTMLAttributes<HTMLElement>, "id" | "aria-describedby" | "aria-invalid">,
) {
  const field = useContext(FieldContext);
  if (!field || props.id !== field.controlId) return {};
  return {
    "aria-describedby": props["aria-describedby"] ?? field.describedBy,
    "aria-invalid": props["aria-invalid"] ?? (field.invalid || undefined),
  };
}

export const Input = forwardRef<HTMLInputElement, InputHTMLAttributes<HTMLInputElement>>(function Input(
  { className = "", ...props },
  ref,
) {
  return <input ref={ref} className={`${CONTROL} ${className}`} {...props} {...useFieldAria(props)} />;
});

export const Select = forwardRef<HTMLSelectElement, SelectHTMLAttributes<HTMLSelectElement>>(function Select(
  { className = "", ...props },
  ref,
) {
  return (
    <select ref={ref} className={`${CONTROL} h-9 pr-8 ${className}`} {...props} {...useFieldAria(props)} />
  );
});

/** A labelled form control with its hint or error underneath; the error is announced. */
export function Field({
  label,
  htmlFor,
  error,
  hint,
  children,
}: {
  label: string;
  htmlFor: string;
  error?: string | undefined;
  hint?: string;
  children: ReactNode;
}) {
  const describedBy = error ? `${htmlFor}-error` : hint ? `${htmlFor}-hint` : undefined;
  return (
    <div className="space-y-1.5">
      <label htmlFor={htmlFor} className="block text-sm font-medium text-slate-700">
        {label}
      </label>
      <FieldContext.Provider value={{ controlId: htmlFor, describedBy, invalid: Boolean(error) }}>
        {children}
      </FieldContext.Provider>
      {error ? (
        <p role="alert" id={`${htmlFor}-error`} className="text-sm text-red-600">
          {error}
        </p>
      ) : hint ? (
        <p id={`${htmlFor}-hint`} className="text-xs text-slate-500">
          {hint}
        </p>
      ) : null}
    </div>
  );
}

/**
 * A group of choices under one legend, with the error of the group as a whole underneath (no
 * choice made, say); announced like a Field's.
 */
export function FieldGroup({
  legend,
  error,
  className = "",
  children,
}: {
  legend: string;
  error?: string | null | undefined;
  className?: string;
  children: ReactNode;
}) {
  return (
    <fieldset className={className}>
      <legend className="text-sm font-medium text-slate-700">{legend}</legend>
      {children}
      {error ? (
        <p role="alert" className="mt-1.5 text-sm text-red-600">
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}

/** A checkbox and its label, with a line under the label (`hint`); dimmed with the box when disabled. */
export function CheckboxField({
  label,
  hint,
  disabled,
  ...props
}: Omit<InputHTMLAttributes<HTMLInputElement>, "type"> & { label: ReactNode; hint?: ReactNode }) {
  return (
    <label className={`flex items-start gap-2 text-sm ${disabled ? "text-slate-400" : ""}`}>
      <input
        type="checkbox"
        disabled={disabled}
        className="mt-0.5 h-4 w-4 rounded border-slate-300 text-brand-600"
        {...props}
      />
      <span>
        {label}
        {hint ? (
          <span className={`block text-xs ${disabled ? "text-slate-400" : "text-slate-500"}`}>{hint}</span>
        ) : null}
      </span>
    </label>
  );
}
