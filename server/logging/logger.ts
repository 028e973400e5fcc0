// Structured logs: one JSON object per line on stdout (pino), at HOOKLINE_LOG_LEVEL. Log shippers
// read them as they are; the start banner of `npm start` stays plain text for the person reading it.
import pino, { type Logger } from "pino";
import { setDatabaseLog } from "@/db/log";
import { config } from "@/server/config/config";
import { currentRequestId } from "./request-context";

export type { Logger } from "pino";

let root: Logger | undefined;
const parts = new Map<string, Logger>();

/** The process's logger, or a child of it for one part (`logger("delivery")` adds `"part":"delivery"`). */
export function logger(part?: string): Logger {
  root ??= pino({
    level: config().logLevel,
    base: { pid: process.pid },
    timestamp: pino.stdTimeFunctions.isoTime,
    // Errors logged as `{ err }` keep their stack; the level is a word, not pino's number.
    formatters: { level: (label) => ({ level: label }) },
    // Lines written while a request is served carry its id (server/runtime/http-server.ts).
    mixin: () => {
      const requestId = currentRequestId();
      return requestId ? { requestId } : {};
    },
  });
  if (!part) return root;
  let child = parts.get(part);
  if (!child) {
    child = root.child({ part });
    parts.set(part, child);
  }
  return child;
}

// db/ can't import this module (it sits below server/): it logs through whatever is registered.
setDatabaseLog(() => logger("db"));
