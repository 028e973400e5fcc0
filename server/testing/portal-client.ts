// Calls the portal's tRPC endpoint (or the admin UI's, to prove a portal token opens nothing there)
// in-process with real Requests, as the portal's pages do: a query by GET, a mutation by POST.
import * as portalTrpcRoute from "@/app/api/portal/trpc/[trpc]/route";
import * as trpcRoute from "@/app/api/trpc/[trpc]/route";
import { PORTAL_TOKEN_HEADER } from "@/shared/portal-header";

export async function portalCall(
  procedure: string,
  input: unknown,
  options: {
    token?: string | undefined;
    mutation?: boolean;
    cookie?: string;
    route?: "portal" | "admin";
  } = {},
) {
  const route = options.route === "admin" ? trpcRoute : portalTrpcRoute;
  const base = options.route === "admin" ? "/api/trpc" : "/api/portal/trpc";
  const headers: Record<string, string> = { host: "hookline.test" };
  if (options.token) headers[PORTAL_TOKEN_HEADER] = options.token;
  if (options.cookie) headers.cookie = options.cookie;
  let request: Request;
  if (options.mutation) {
    request = new Request(`http://hookline.test${base}/${procedure}`, {
      method: "POST",
      headers: { ...headers, origin: "http://hookline.test", "content-type": "application/json" },
      body: JSON.stringify(input),
    });
  } else {
    const query = input === undefined ? "" : `?input=${encodeURIComponent(JSON.stringify(input))}`;
    request = new Request(`http://hookline.test${base}/${procedure}${query}`, { headers });
  }
  const response = await route.POST(request);
  const json = (await response.json()) as {
    result?: { data: unknown };
    error?: { message: string; data: { appCode: string; httpStatus: number } };
  };
  // biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary JSON answers
  return { status: response.status, data: json.result?.data as any, error: json.error };
}
