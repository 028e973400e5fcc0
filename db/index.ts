// Opens the database: PostgreSQL over `pg` when DATABASE_URL is set, else embedded PGlite on disk.
import "server-only";
import { mkdirSync } from "node:fs";
import path from "node:path";
import { Kysely, Migrator, PostgresDialect, sql, type Transaction } from "kysely";
import { reportDatabaseFailure, reportQueries, warnUnlessUnavailable } from "./availability";
import { lockDataDir } from "./data-dir-lock";
import { dbLog } from "./log";
import { migrations } from "./migrations";
import { prepareMarkedStatements } from "./prepared-statements";
import type { DB } from "./schema";

export type { DB } from "./schema";
export type Db = Kysely<DB>;
/** What query modules accept: the database or a transaction inside it. */
export type Executor = Kysely<DB> | Transaction<DB>;

export interface DatabaseOptions {
  /** PostgreSQL connection string; when absent, PGlite in `dataDir`. */
  url?: string | undefined;
  /** The embedded database's directory, relative to the working directory; `.hookline` by default. */
  dataDir?: string | undefined;
  poolSize?: number;
  /** Off behind a transaction-mode connection pooler (see db/prepared-statements.ts); on by default. */
  preparedStatements?: boolean;
}

export interface OpenDatabase {
  db: Db;
  kind: "postgres" | "pglite";
  /**
   * Calls onNotify with each NOTIFY's payload on `channel`: over a dedicated connection on
   * PostgreSQL; on PGlite, from the one embedded session every query of this process runs on.
   */
  listen?: (channel: string, onNotify: (payload: string) => void) => Promise<() => Promise<void>>;
  close: () => Promise<void>;
}

export async function openDatabase(options: DatabaseOptions = {}): Promise<OpenDatabase> {
  if (options.url)
    return openPostgres(options.url, options.poolSize ?? 10, options.preparedStatements ?? true);
  return openPglite(path.resolve(/*turbopackIgnore: true*/ process.cwd(), options.dataDir ?? ".hookline"));
}

async function openPostgres(
  url: string,
  poolSize: number,
  preparedStatements: boolean,
): Promise<OpenDatabase> {
  const pg = await import("pg");
  const builtin = pg.default.types;
  const types = {
    getTypeParser: ((oid: number, format?: "text" | "binary") =>
      oid === INT8_OID
        ? parseInt8
        : builtin.getTypeParser(oid, format ?? "text")) as typeof builtin.getTypeParser,
  };
  // A server that doesn't answer at all (a dropped route, a host that is gone) fails a connection
  // after 10 s rather than the operating system's minutes, so callers can say "unavailable".
  const pool = new pg.default.Pool({
    connectionString: url,
    max: poolSize,
    types,
    connectionTimeoutMillis: 10_000,
  });
  // An idle client losing its server (a restart) must not crash the process; the pool replaces it.
  pool.on("error", (error) => warnUnlessUnavailable("[db] idle connection lost", error));
  // A checked-out client whose connection dies between two queries (pg_terminate_backend inside a
  // transaction) emits "error" too, which would crash the process; its next query fails instead.
  pool.on("connect", (client) => {
    client.on("error", () => {});
    if (preparedStatements) prepareMarkedStatements(client);
    reportQueries(client);
  });
  // Every query reports its outcome (db/availability.ts), and so does every wait for a connection.
  const reportingPool = {
    connect: () =>
      pool.connect().catch((error: unknown) => {
        reportDatabaseFailure(error);
        throw error;
      }),
    end: () => pool.end(),
  };
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool: reportingPool }) });
  return {
    db,
    kind: "postgres",
    async listen(channel, onNotify) {
      const client = new pg.default.Client({ connectionString: url, types });
      client.on("error", () => {});
      await client.connect();
      client.on("notification", (message) => onNotify(message.payload ?? ""));
      await client.query(`listen ${quoteIdent(channel)}`);
      return async () => {
        await client.end().catch(() => {});
      };
    },
    close: () => db.destroy(),
  };
}

async function openPglite(dataDir: string): Promise<OpenDatabase> {
  mkdirSync(/*turbopackIgnore: true*/ dataDir, { recursive: true });
  const release = lockDataDir(dataDir);
  try {
    const { PGlite } = await import("@electric-sql/pglite");
    const { PGliteDialect } = await import("kysely-pglite-dialect");
    // pg_trgm backs search (contacts and hooks by any part); PGlite ships it as a loadable extension.
    const { pg_trgm } = await import("@electric-sql/pglite/contrib/pg_trgm");
    const pglite = await PGlite.create(dataDir, {
      parsers: { [INT8_OID]: parseInt8 },
      extensions: { pg_trgm },
    });
    const db = new Kysely<DB>({ dialect: new PGliteDialect(pglite) });
    const listeners = new Map<string, number>();
    return {
      db,
      kind: "pglite",
      // The embedded database has one session, so NOTIFYs reach only this process — which is
      // also the only one that can open it: the delivery loop wakes for a new event at once
      // instead of at its next poll. LISTEN goes through Kysely's queue for that session, not
      // PGlite's listen(): run between another caller's BEGIN and ROLLBACK, it would be undone.
      // The session listens once per channel, so it stops only when the channel's last
      // listener does (a re-listen subscribes anew before it drops the old one).
      async listen(channel, onNotify) {
        const stop = pglite.onNotification((name, payload) => {
          if (name === channel) onNotify(payload);
        });
        listeners.set(channel, (listeners.get(channel) ?? 0) + 1);
        await sql`listen ${sql.id(channel)}`.execute(db);
        return async () => {
          stop();
          const left = (listeners.get(channel) ?? 1) - 1;
          if (left > 0) {
            listeners.set(channel, left);
            return;
          }
          listeners.delete(channel);
          if (!pglite.closed) await sql`unlisten ${sql.id(channel)}`.execute(db).catch(() => {});
        };
      },
      close: async () => {
        await db.destroy();
        release();
      },
    };
  } catch (error) {
    release();
    throw error;
  }
}

// int8 (bigint, count(*)) as a JS number on both drivers: our counters stay far below 2^53.
const INT8_OID = 20;
const parseInt8 = (value: string): number => Number(value);

function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

export async function migrateToLatest(db: Db): Promise<void> {
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
  const { error, results } = await migrator.migrateToLatest();
  for (const result of results ?? []) {
    if (result.status === "Error") dbLog().error({ migration: result.migrationName }, "migration failed");
  }
  if (error) throw error;
}
