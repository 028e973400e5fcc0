// Calls exported Next.js route handlers in-process with real Request objects: the whole REST
// stack (auth, body limits, validation, services, database) without a server in between.
type RouteHandler = (
  request: Request,
  context: { params: Promise<Record<string, string>> },
) => Promise<Response>;

export interface CallOptions {
  method?: string;
  path: string;
  apiKey?: string;
  headers?: Record<string, string>;
  /** An object is sent as JSON; a string is sent as it is (still labelled JSON unless headers say otherwise). */
  body?: unknown;
  params?: Record<string, string>;
}

export interface CallResult {
  status: number;
  headers: Headers;
  // biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary JSON answers
  body: any;
}

export async function callRoute(handler: RouteHandler, options: CallOptions): Promise<CallResult> {
  const headers = new Headers(options.headers);
  if (options.apiKey) headers.set("authorization", `Bearer ${options.apiKey}`);
  let body: string | undefined;
  if (options.body !== undefined) {
    body = typeof options.body === "string" ? options.body : JSON.stringify(options.body);
    if (!headers.has("content-type")) headers.set("content-type", "application/json");
  }
  const request = new Request(`http://hookline.test${options.path}`, {
    method: options.method ?? "GET",
    headers,
    body,
  });
  // As Next.js does: a route without [parameters] gets no params object at all.
  const params = Promise.resolve(options.params as Record<string, string>);
  const response = await handler(request, { params });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : undefined };
}
