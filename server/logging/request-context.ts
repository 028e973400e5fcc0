// Each HTTP request's id, for every log line written while it is served: Hookline's server runs the
// request's handling inside runWithRequestId, and the logger adds the id of the request it is in.
// On globalThis: the server and the app Next.js bundles each load this module.
import { AsyncLocalStorage } from "node:async_hooks";
import { randomUUID } from "node:crypto";

const holder = globalThis as { __hooklineRequestContext?: AsyncLocalStorage<string> };
holder.__hooklineRequestContext ??= new AsyncLocalStorage<string>();
const storage = holder.__hooklineRequestContext;

export const REQUEST_ID_HEADER = "x-request-id";

/** A caller's X-Request-Id when it is one we can log as is (a proxy's, a client's trace id), else a new one. */
export function requestIdFrom(given: string | string[] | undefined): string {
  const value = Array.isArray(given) ? given[0] : given;
  return value && /^[\w.:@/+=-]{1,128}$/.test(value) ? value : randomUUID();
}

export function runWithRequestId<T>(requestId: string, run: () => T): T {
  return storage.run(requestId, run);
}

/** The id of the request being served, if any. */
export function currentRequestId(): string | undefined {
  return storage.getStore();
}
