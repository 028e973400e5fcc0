// The human API reference, rendered from the same OpenAPI document /api/v1/openapi.json serves.
import type { Metadata } from "next";
import type { oas31 } from "zod-openapi";
import { getOpenApiDocument } from "@/server/openapi/document";
import {
  type Field,
  FieldTable,
  fieldsOf,
  Prose,
  refName,
  type Schema,
  TypeLabel,
} from "./_components/schema-view";

export const metadata: Metadata = { title: "API reference" };

/** The scope an operation needs: the role its security requirement names (one per scheme, the same). */
function scopeOf(op: oas31.OperationObject): string | undefined {
  return Object.values(op.security?.[0] ?? {})[0]?.[0];
}

const METHODS = ["get", "post", "put", "patch", "delete"] as const;

const METHOD_STYLE: Record<(typeof METHODS)[number], string> = {
  get: "bg-sky-100 text-sky-800",
  post: "bg-emerald-100 text-emerald-800",
  put: "bg-amber-100 text-amber-800",
  patch: "bg-amber-100 text-amber-800",
  delete: "bg-rose-100 text-rose-800",
};

interface Operation {
  method: (typeof METHODS)[number];
  path: string;
  op: oas31.OperationObject;
}

function anchorOf(operation: Operation): string {
  return operation.op.operationId ?? `${operation.method}-${operation.path}`;
}

function jsonSchemaOf(content: oas31.ContentObject | undefined): Schema | undefined {
  return content?.["application/json"]?.schema as Schema | undefined;
}

/** Resolves one level of $ref so a body's fields can be listed in place. */
function resolve(document: oas31.OpenAPIObject, schema: Schema | undefined): Schema | undefined {
  const name = refName(schema);
  return name ? (document.components?.schemas?.[name] as Schema | undefined) : schema;
}

function MethodBadge({ method }: { method: Operation["method"] }) {
  return (
    <span
      className={`inline-flex w-16 justify-center rounded px-1.5 py-0.5 font-mono text-xs font-semibold uppercase ${METHOD_STYLE[method]}`}
    >
      {method}
    </span>
  );
}

function OperationView({ document, operation }: { document: oas31.OpenAPIObject; operation: Operation }) {
  const { op } = operation;
  const parameters = (op.parameters ?? []).filter((p): p is oas31.ParameterObject => "in" in p);
  const paramFields: Field[] = parameters.map((parameter) => ({
    name: parameter.name,
    where: parameter.in,
    required: parameter.required ?? false,
    schema: { ...(parameter.schema as oas31.SchemaObject), description: parameter.description },
  }));
  const body =
    op.requestBody && "content" in op.requestBody ? jsonSchemaOf(op.requestBody.content) : undefined;
  const responses = Object.entries(op.responses ?? {}) as Array<[string, oas31.ResponseObject]>;
  const security = op.security ?? document.security;

  return (
    <article
      id={anchorOf(operation)}
      className="scroll-mt-6 rounded-xl border border-slate-200 bg-white p-5 shadow-sm"
    >
      <header className="flex flex-wrap items-center gap-3">
        <MethodBadge method={operation.method} />
        <code className="font-mono text-sm font-semibold text-slate-900">{operation.path}</code>
        {security && security.length === 0 ? (
          <span className="rounded bg-slate-100 px-1.5 py-0.5 text-xs text-slate-600">no API key</span>
        ) : null}
        {scopeOf(op) ? (
          <span className="rounded bg-violet-50 px-1.5 py-0.5 font-mono text-xs text-violet-800 ring-1 ring-violet-200">
            scope: {scopeOf(op)}
          </span>
        ) : null}
      </header>
      <h3 className="mt-3 text-base font-semibold text-slate-900">{op.summary}</h3>
      <Prose text={op.description} className="mt-1 text-sm leading-relaxed text-slate-600" />

      {paramFields.length ? (
        <section className="mt-4">
          <h4 className="mb-2 text-xs font-semibold uppercase tracking-wide text-slate-500">Parameters</h4>
          <FieldTable fields={paramFields} />
        </section>
      ) : null}

      {body ? (
        <section className="mt-4">
          <h4 className="mb-2 text-xs font-semibold uppercase tracking-wide text-slate-500">
            Body{" "}
            <span className="font-mono normal-case tracking-normal text-slate-400">application/json</span>{" "}
            {refName(body) ? (
              <span className="normal-case tracking-normal">
                · <TypeLabel schema={body} />
              </span>
            ) : null}
          </h4>
          <FieldTable fields={fieldsOf(resolve(document, body))} />
        </section>
      ) : null}

      <section className="mt-4">
        <h4 className="mb-2 text-xs font-semibold uppercase tracking-wide text-slate-500">Responses</h4>
        <ul className="divide-y divide-slate-100 rounded-lg border border-slate-200 text-sm">
          {responses.map(([status, response]) => {
            const schema = jsonSchemaOf(response.content);
            const ok = status.startsWith("2");
            return (
              <li key={status} className="flex gap-3 px-3 py-2">
                <span
                  className={`w-10 shrink-0 font-mono font-semibold ${ok ? "text-emerald-700" : "text-rose-700"}`}
                >
                  {status}
                </span>
                <div className="min-w-0 flex-1">
                  <Prose text={response.description} className="text-slate-700" />
                  {schema && ok ? (
                    <p className="mt-0.5 font-mono text-xs">
                      <TypeLabel schema={schema} />
                    </p>
                  ) : null}
                </div>
              </li>
            );
          })}
        </ul>
      </section>
    </article>
  );
}

export default function ApiReferencePage() {
  const document = getOpenApiDocument();
  const operations: Operation[] = Object.entries(document.paths ?? {}).flatMap(([path, item]) =>
    METHODS.flatMap((method) => (item?.[method] ? [{ method, path, op: item[method] }] : [])),
  );
  const tags = (document.tags ?? [])
    .map((tag) => ({
      ...tag,
      operations: operations.filter((operation) => operation.op.tags?.[0] === tag.name),
    }))
    .filter((tag) => tag.operations.length > 0);
  const schemas = Object.entries(document.components?.schemas ?? {}).sort(([a], [b]) => a.localeCompare(b));
  const schemes = Object.entries(document.components?.securitySchemes ?? {}) as Array<
    [string, oas31.SecuritySchemeObject]
  >;

  return (
    <div className="mx-auto flex max-w-7xl gap-10 px-6 py-10">
      <nav className="sticky top-6 hidden h-[calc(100vh-3rem)] w-60 shrink-0 overflow-y-auto text-sm lg:block">
        <a href="#top" className="text-base font-semibold text-slate-900">
          Hookline API
        </a>
        {tags.map((tag) => (
          <div key={tag.name} className="mt-5">
            <a
              href={`#tag-${tag.name}`}
              className="text-xs font-semibold uppercase tracking-wide text-slate-500"
            >
              {tag.name}
            </a>
            <ul className="mt-1.5 space-y-1">
              {tag.operations.map((operation) => (
                <li key={anchorOf(operation)}>
                  <a
                    href={`#${anchorOf(operation)}`}
                    className="flex items-center gap-2 rounded px-1 py-0.5 text-slate-700 hover:bg-slate-100"
                  >
                    <span className="w-11 shrink-0 font-mono text-[0.7rem] font-semibold uppercase text-slate-400">
                      {operation.method}
                    </span>
                    <span className="truncate">{operation.op.summary}</span>
                  </a>
                </li>
              ))}
            </ul>
          </div>
        ))}
        <div className="mt-5">
          <a href="#schemas" className="text-xs font-semibold uppercase tracking-wide text-slate-500">
            Schemas
          </a>
        </div>
      </nav>

      <main id="top" className="min-w-0 flex-1">
        <header className="mb-10">
          <p className="text-sm font-medium text-brand-600">API reference · v{document.info.version}</p>
          <h1 className="mt-1 text-3xl font-semibold tracking-tight">{document.info.title}</h1>
          <Prose text={document.info.description} className="mt-3 max-w-3xl leading-relaxed text-slate-600" />
          <div className="mt-5 grid gap-3 sm:grid-cols-2">
            {schemes.map(([name, scheme]) => (
              <div key={name} className="rounded-lg border border-slate-200 bg-white p-4 text-sm">
                <p className="font-mono text-xs font-semibold text-slate-900">
                  {scheme.type === "http" ? "Authorization: Bearer hk_…" : `${scheme.name}: hk_…`}
                </p>
                <Prose text={scheme.description} className="mt-1 text-slate-600" />
              </div>
            ))}
          </div>
          <p className="mt-4 text-sm text-slate-600">
            Machine-readable:{" "}
            <a href="/api/v1/openapi.json" className="font-mono text-brand-600 hover:underline">
              /api/v1/openapi.json
            </a>{" "}
            (OpenAPI 3.1). What a hook's URL receives, and how to verify it:{" "}
            <a href="/docs/webhooks" className="text-brand-600 hover:underline">
              the receiving guide
            </a>
            .
          </p>
        </header>

        {tags.map((tag) => (
          <section key={tag.name} id={`tag-${tag.name}`} className="mb-12 scroll-mt-6">
            <h2 className="text-xl font-semibold tracking-tight">{tag.name}</h2>
            <Prose text={tag.description} className="mt-1 text-sm text-slate-600" />
            <div className="mt-4 space-y-5">
              {tag.operations.map((operation) => (
                <OperationView key={anchorOf(operation)} document={document} operation={operation} />
              ))}
            </div>
          </section>
        ))}

        <section id="schemas" className="scroll-mt-6">
          <h2 className="text-xl font-semibold tracking-tight">Schemas</h2>
          <div className="mt-4 space-y-5">
            {schemas.map(([name, schema]) => (
              <div
                key={name}
                id={`schema-${name}`}
                className="scroll-mt-6 rounded-xl border border-slate-200 bg-white p-5 shadow-sm"
              >
                <h3 className="font-mono text-sm font-semibold text-slate-900">{name}</h3>
                <Prose
                  text={(schema as oas31.SchemaObject).description}
                  className="mt-1 text-sm text-slate-600"
                />
                <div className="mt-3">
                  <FieldTable fields={fieldsOf(schema as Schema)} />
                </div>
              </div>
            ))}
          </div>
        </section>
      </main>
    </div>
  );
}
