// The audit page's filters as the URL carries them; the server prefetch and the client query build
// the very same input from them, or the prefetched page would be thrown away.
export interface AuditFilterValues {
  actor: string;
  kind: string;
  object: string;
  /** datetime-local values (the browser's zone), or "". */
  from: string;
  to: string;
}

export const AUDIT_PAGE_SIZE = 50;
export const EMPTY_AUDIT_FILTER: AuditFilterValues = { actor: "", kind: "", object: "", from: "", to: "" };

export function parseAuditFilter(params: Record<string, string | string[] | undefined>): AuditFilterValues {
  const read = (name: string) =>
    typeof params[name] === "string" ? (params[name] as string).slice(0, 200) : "";
  return {
    actor: read("actor"),
    kind: read("kind"),
    object: read("object"),
    from: read("from"),
    to: read("to"),
  };
}

/** An ISO time from the URL or a datetime-local field, or undefined when it names no time. */
function isoOf(value: string): string | undefined {
  if (!value) return undefined;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

/** The filters as the list procedure and the CSV export take them. */
export function auditQueryOf(filter: AuditFilterValues): Record<string, string> {
  const query: Record<string, string> = {};
  for (const name of ["actor", "kind", "object"] as const)
    if (filter[name].trim()) query[name] = filter[name].trim();
  const from = isoOf(filter.from);
  const to = isoOf(filter.to);
  if (from) query.from = from;
  if (to) query.to = to;
  return query;
}

export function auditListInput(filter: AuditFilterValues) {
  return { ...auditQueryOf(filter), limit: AUDIT_PAGE_SIZE };
}
