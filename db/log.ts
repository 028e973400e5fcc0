// Where db/ writes its few log lines (an outage starting and ending, a failed migration, statements
// left unprepared). db/ sits below server/, so it doesn't import the server's logger: the logger
// registers itself here when it loads (server/logging/logger.ts), which every process that opens a
// database does. Until then — a script that only touches db/ — lines go to stderr as JSON.

export interface DatabaseLog {
  error(fields: object, message: string): void;
  warn(fields: object, message: string): void;
  info(fields: object, message: string): void;
}

// On globalThis, like the availability state: Next bundles route handlers separately, and each
// bundle's copy of this module must log through the one registered logger.
const holder = globalThis as { __hooklineDatabaseLog?: () => DatabaseLog };

const stderrLog: DatabaseLog = {
  error: (fields, message) => writeLine("error", fields, message),
  warn: (fields, message) => writeLine("warn", fields, message),
  info: (fields, message) => writeLine("info", fields, message),
};

function writeLine(level: string, fields: object, message: string): void {
  process.stderr.write(
    `${JSON.stringify({ level, time: new Date().toISOString(), part: "db", ...fields, msg: message })}\n`,
  );
}

/** Sends db/'s log lines to `log()` (called at each line, so the logger may be made lazily). */
export function setDatabaseLog(log: () => DatabaseLog): void {
  holder.__hooklineDatabaseLog = log;
}

export function dbLog(): DatabaseLog {
  return holder.__hooklineDatabaseLog?.() ?? stderrLog;
}
