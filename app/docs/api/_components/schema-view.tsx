// Renders JSON Schema (as the OpenAPI document holds it) as readable type labels and field tables.
import type { ReactNode } from "react";
import type { oas31 } from "zod-openapi";

export type Schema = oas31.SchemaObject | oas31.ReferenceObject;

export function refName(schema: Schema | undefined): string | undefined {
  return schema && "$ref" in schema && schema.$ref ? schema.$ref.split("/").at(-1) : undefined;
}

/** Inline `code` spans in the document's prose. */
export function Prose({ text, className }: { text: string | undefined; className?: string }) {
  if (!text) return null;
  // Keyed by character offset: the split of a fixed string never reorders.
  let offset = 0;
  const parts = text.split(/(`[^`]+`)/g).map((part) => {
    const at = offset;
    offset += part.length;
    return { part, at };
  });
  return (
    <p className={className}>
      {parts.map(({ part, at }) =>
        part.startsWith("`") && part.endsWith("`") ? (
          <code key={at} className="rounded bg-slate-100 px-1 py-0.5 font-mono text-[0.85em] text-slate-800">
            {part.slice(1, -1)}
          </code>
        ) : (
          <span key={at}>{part}</span>
        ),
      )}
    </p>
  );
}

function isAlternatives(schema: Schema | undefined): boolean {
  if (!schema || "$ref" in schema) return false;
  return (
    (schema.enum?.length ?? 0) > 1 || Boolean(schema.anyOf ?? schema.oneOf) || Array.isArray(schema.type)
  );
}

/** A compact type: `string`, `Hook`, `string[]`, `"fat" | "skinny"`, `integer | null`. */
export function TypeLabel({ schema }: { schema: Schema | undefined }): ReactNode {
  if (!schema) return <span className="text-slate-500">any</span>;
  const name = refName(schema);
  if (name) {
    return (
      <a href={`#schema-${name}`} className="font-medium text-brand-600 hover:underline">
        {name}
      </a>
    );
  }
  const s = schema as oas31.SchemaObject;
  if (s.enum) {
    return (
      <span className="text-emerald-700">{s.enum.map((value) => JSON.stringify(value)).join(" | ")}</span>
    );
  }
  const variants = s.anyOf ?? s.oneOf;
  if (variants) {
    return (
      <>
        {variants.map((variant, index) => (
          <span key={JSON.stringify(variant)}>
            {index > 0 ? " | " : null}
            <TypeLabel schema={variant} />
          </span>
        ))}
      </>
    );
  }
  const types = Array.isArray(s.type) ? s.type : s.type ? [s.type] : [];
  if (types.length === 0) return <span className="text-slate-500">any</span>;
  return (
    <>
      {types.map((type, index) => (
        <span key={type}>
          {index > 0 ? " | " : null}
          {type === "array" ? (
            isAlternatives(s.items as Schema | undefined) ? (
              <>
                (<TypeLabel schema={s.items as Schema} />
                )[]
              </>
            ) : (
              <>
                <TypeLabel schema={s.items as Schema | undefined} />
                []
              </>
            )
          ) : type === "object" && s.additionalProperties && typeof s.additionalProperties === "object" ? (
            <>map of {<TypeLabel schema={s.additionalProperties as Schema} />}</>
          ) : (
            <span className="text-slate-700">
              {type === "string" && s.format ? `${type} (${s.format})` : type}
            </span>
          )}
        </span>
      ))}
    </>
  );
}

function constraints(schema: Schema): string[] {
  if ("$ref" in schema) return [];
  const notes: string[] = [];
  if (schema.default !== undefined) notes.push(`default ${JSON.stringify(schema.default)}`);
  // zod writes ±9007199254740991 (the safe-integer range) for every plain integer: no limit to state.
  const min = schema.minimum === -Number.MAX_SAFE_INTEGER ? undefined : schema.minimum;
  const max = schema.maximum === Number.MAX_SAFE_INTEGER ? undefined : schema.maximum;
  if (min !== undefined && max !== undefined) notes.push(`${min}–${max}`);
  else if (min !== undefined) notes.push(`≥ ${min}`);
  else if (max !== undefined) notes.push(`≤ ${max}`);
  if (schema.maxLength !== undefined) notes.push(`≤ ${schema.maxLength} chars`);
  if (schema.minItems !== undefined && schema.minItems > 0) notes.push(`at least ${schema.minItems}`);
  return notes;
}

function describeSchema(schema: Schema): string | undefined {
  if ("$ref" in schema) return schema.description;
  const items = schema.items as Schema | undefined;
  return schema.description ?? (items && !("$ref" in items) ? items.description : undefined);
}

export interface Field {
  name: string;
  schema: Schema;
  required: boolean;
  where?: string;
}

export function fieldsOf(schema: Schema | undefined): Field[] {
  if (!schema || "$ref" in schema || !schema.properties) return [];
  const required = new Set(schema.required ?? []);
  return Object.entries(schema.properties).map(([name, property]) => ({
    name,
    schema: property as Schema,
    required: required.has(name),
  }));
}

export function FieldTable({ fields }: { fields: Field[] }) {
  if (fields.length === 0) return <p className="text-sm text-slate-500">No fields.</p>;
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200">
      <table className="w-full text-left text-sm">
        <thead className="bg-slate-50 text-xs uppercase tracking-wide text-slate-500">
          <tr>
            <th className="px-3 py-2 font-medium">Field</th>
            <th className="px-3 py-2 font-medium">Type</th>
            <th className="px-3 py-2 font-medium">Notes</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100 bg-white">
          {fields.map((field) => {
            const notes = constraints(field.schema);
            return (
              <tr key={`${field.where ?? ""}${field.name}`} className="align-top">
                <td className="whitespace-nowrap px-3 py-2">
                  <code className="font-mono text-[0.85em] font-medium text-slate-900">{field.name}</code>
                  {field.where ? <span className="ml-1.5 text-xs text-slate-400">{field.where}</span> : null}
                  {field.required ? (
                    <span className="ml-1.5 text-xs font-medium text-rose-600">required</span>
                  ) : null}
                </td>
                <td className="px-3 py-2 font-mono text-[0.85em]">
                  <TypeLabel schema={field.schema} />
                </td>
                <td className="px-3 py-2 text-slate-600">
                  <Prose text={describeSchema(field.schema)} />
                  {notes.length ? <p className="text-xs text-slate-400">{notes.join(" · ")}</p> : null}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
