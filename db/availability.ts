// Whether the database answers, as the whole process sees it. Every query's outcome on PostgreSQL
// reports here (db/index.ts), so requests, the delivery loop and the job runner share one view: an
// outage is logged once when it starts and once when it ends, requests meanwhile answer 503
// `unavailable`, and the loops retry quietly instead of logging each failure (an 8-second restart
// once printed ~600 stack traces).
import { UNAVAILABLE_DIGEST } from "@/shared/unavailable-digest";
import { dbLog } from "./log";

/** Node's socket errors that mean "no connection to the server". */
const SOCKET_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EPIPE",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "ENOTFOUND",
  "EAI_AGAIN",
]);

/**
 * PostgreSQL's: class 08 (connection exception), and 57P01–57P03 (the server is shutting down, or
 * is starting up, in recovery, or not accepting connections).
 */
function isConnectionSqlState(code: string): boolean {
  return code.startsWith("08") || code === "57P01" || code === "57P02" || code === "57P03";
}

/** What pg and its pool say when a connection is lost or can't be had in time. */
const MESSAGES = [
  /^Connection terminated/,
  /^timeout exceeded when trying to connect$/,
  /^Client has encountered a connection error and is not queryable$/,
  /^Client was closed and is not queryable$/,
];

/** True for errors that mean the database can't be reached, as opposed to a query that failed. */
export function isConnectionError(error: unknown): boolean {
  if (typeof error !== "object" || error === null) return false;
  const { code, message, errors } = error as { code?: unknown; message?: unknown; errors?: unknown };
  if (typeof code === "string" && (SOCKET_CODES.has(code) || isConnectionSqlState(code))) return true;
  if (typeof message === "string" && MESSAGES.some((pattern) => pattern.test(message))) return true;
  // Node's connect to a host with several addresses fails with all of their errors at once.
  return Array.isArray(errors) && errors.length > 0 && errors.every(isConnectionError);
}

interface State {
  downSince: number | undefined;
}

const holder = globalThis as { __hooklineDatabaseAvailability?: State };
holder.__hooklineDatabaseAvailability ??= { downSince: undefined };
const state: State = holder.__hooklineDatabaseAvailability;

function errorText(error: unknown): string {
  const { code, message } = error as { code?: unknown; message?: unknown };
  const text = typeof message === "string" && message !== "" ? message : String(error);
  return typeof code === "string" && !text.includes(code) ? `${code}: ${text}` : text;
}

/**
 * Reports a failed database call. Returns true when it was a connection error: the outage is then
 * logged (once, when it starts) and the caller need not log it again.
 */
export function reportDatabaseFailure(error: unknown): boolean {
  if (!isConnectionError(error)) return false;
  try {
    (error as { digest?: string }).digest ??= UNAVAILABLE_DIGEST;
  } catch {
    // A frozen error object: the page then shows its generic error state.
  }
  if (state.downSince === undefined) {
    state.downSince = Date.now();
    dbLog().error(
      { error: errorText(error) },
      "the database is unreachable; answering 503 and retrying until it is back",
    );
  }
  return true;
}

/** Reports a database call that succeeded: ends an outage, saying how long it lasted. */
export function reportDatabaseSuccess(): void {
  if (state.downSince === undefined) return;
  const seconds = ((Date.now() - state.downSince) / 1000).toFixed(1);
  state.downSince = undefined;
  dbLog().info({ downSeconds: Number(seconds) }, `the database is back after ${seconds} s`);
}

/** Since when the database has been unreachable (ms since the epoch), or undefined while it answers. */
export function databaseDownSince(): number | undefined {
  return state.downSince;
}

/** For loops that retry on their own: logs a failure unless it is part of an outage already logged. */
export function warnUnlessUnavailable(context: string, error: unknown): void {
  if (!reportDatabaseFailure(error)) dbLog().warn({ error: errorText(error) }, context);
}

interface QueryableClient {
  query: (...args: never[]) => unknown;
}

/** Makes every query of a pg client report its outcome. */
export function reportQueries(client: QueryableClient): void {
  const query = client.query.bind(client) as (...args: unknown[]) => unknown;
  (client as { query: (...args: unknown[]) => unknown }).query = (...args: unknown[]) => {
    const result = query(...args);
    if (result instanceof Promise) result.then(reportDatabaseSuccess, reportDatabaseFailure);
    return result;
  };
}
