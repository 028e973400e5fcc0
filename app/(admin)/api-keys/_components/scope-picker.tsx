"use client";
// Full access, or some of the scopes: the same picker when a key is made and when it is changed.
import { CheckboxField, FieldGroup } from "@/components/ui/field";
import { API_KEY_SCOPE_DESCRIPTIONS, API_KEY_SCOPES, type ApiKeyScope } from "@/shared/api-key-scopes";

/** null: full access. An empty list is what the admin is choosing, not yet a valid answer. */
export type ScopeChoice = ApiKeyScope[] | null;

export function ScopePicker({
  value,
  onChange,
  error,
  legend = "Access",
}: {
  value: ScopeChoice;
  onChange: (next: ScopeChoice) => void;
  error?: string | null | undefined;
  legend?: string;
}) {
  const full = value === null;
  return (
    <FieldGroup legend={legend} error={error} className="@container">
      <div className="mt-2 space-y-2">
        <CheckboxField
          checked={full}
          onChange={(event) => onChange(event.target.checked ? null : [])}
          label={
            <>
              <span className="font-medium">Full access</span>{" "}
              <span className="text-slate-500">(every route, including ones added later)</span>
            </>
          }
        />
        <div className="grid gap-x-5 gap-y-2 pl-6 @xl:grid-cols-2">
          {API_KEY_SCOPES.map((scope) => (
            <CheckboxField
              key={scope}
              checked={full || value.includes(scope)}
              disabled={full}
              onChange={(event) =>
                onChange(
                  event.target.checked ? [...(value ?? []), scope] : (value ?? []).filter((s) => s !== scope),
                )
              }
              label={
                <>
                  <span className="font-medium">{API_KEY_SCOPE_DESCRIPTIONS[scope].label}</span>{" "}
                  <code className="font-mono text-xs text-slate-500">{scope}</code>
                </>
              }
              hint={API_KEY_SCOPE_DESCRIPTIONS[scope].description}
            />
          ))}
        </div>
      </div>
    </FieldGroup>
  );
}

/** What the picker's value is missing before it can be sent, or null when it is complete. */
export function scopeChoiceProblem(value: ScopeChoice): string | null {
  return value !== null && value.length === 0
    ? "Choose at least one scope, or give the key full access."
    : null;
}

/** The key's access in a table cell: "Full access", or each scope's label. */
export function ScopeList({ scopes }: { scopes: readonly ApiKeyScope[] | null }) {
  if (scopes === null) return <span className="text-slate-700">Full access</span>;
  return (
    <ul className="flex flex-wrap gap-1">
      {scopes.map((scope) => (
        <li key={scope}>
          <code className="whitespace-nowrap rounded bg-violet-50 px-1.5 py-0.5 font-mono text-xs text-violet-800 ring-1 ring-violet-200">
            {scope}
          </code>
        </li>
      ))}
    </ul>
  );
}
