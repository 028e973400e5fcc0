// A known /api path asked with a method it doesn't serve: 405 with Allow, in the error shape of
// its prefix (/api/v1's envelope, ActiveCampaign's {message} under /api/3). Unknown paths are left
// to each prefix's catch-all route, which answers 404 in the same shapes.
import { API_ROUTES } from "./route-table";

const PATTERNS = Object.entries(API_ROUTES).map(([pattern, methods]) => ({
  segments: pattern.split("/"),
  methods: methods as readonly string[],
}));

/** The methods the route at `pathname` serves, or null when no route is there. */
export function routeMethods(pathname: string): readonly string[] | null {
  const segments = pathname.split("/");
  // Static segments outrank parameters, as in Next's routing: the best match wins.
  let best: { methods: readonly string[]; statics: number } | null = null;
  for (const pattern of PATTERNS) {
    if (pattern.segments.length !== segments.length) continue;
    let statics = 0;
    const matches = pattern.segments.every((part, index) => {
      const given = segments[index] ?? "";
      if (part.startsWith("{")) return given !== "";
      statics += 1;
      return part === given;
    });
    if (matches && (!best || statics > best.statics)) best = { methods: pattern.methods, statics };
  }
  return best?.methods ?? null;
}

/** Next.js answers HEAD from GET and OPTIONS by itself, so both are allowed wherever they work. */
function allowed(methods: readonly string[]): string[] {
  return [
    ...(methods.includes("GET") ? ["GET", "HEAD"] : []),
    ...methods.filter((m) => m !== "GET"),
    "OPTIONS",
  ];
}

export function methodNotAllowed(method: string, pathname: string): Response | null {
  const methods = routeMethods(pathname);
  if (!methods) return null;
  const allow = allowed(methods);
  if (allow.includes(method)) return null;
  const message = `${method} is not allowed on ${pathname}; it answers ${methods.join(", ")}.`;
  const body = pathname.startsWith("/api/3/")
    ? { message }
    : { error: { code: "method_not_allowed", message } };
  return new Response(JSON.stringify(body), {
    status: 405,
    headers: { allow: allow.join(", "), "content-type": "application/json; charset=utf-8" },
  });
}
