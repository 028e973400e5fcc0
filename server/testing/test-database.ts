// Each test file gets its own database, copied from a migrated template made once per run:
// a PostgreSQL database created WITH TEMPLATE when DATABASE_URL is set, else a copy of a PGlite
// data directory. Tests then own their rows and can count them.
import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { inject } from "vitest";
import { migrateToLatest, type OpenDatabase, openDatabase } from "@/db";
import { randomBase62 } from "@/server/lib/ids";

declare module "vitest" {
  export interface ProvidedContext {
    databaseTemplate: string;
  }
}

export function databaseUrlWithName(url: string, name: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
}

async function adminQuery(url: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

/** Vitest globalSetup: builds the migrated template and returns where it is and how to remove it. */
export async function prepareTemplate(): Promise<{ location: string; remove: () => Promise<void> }> {
  const url = process.env.DATABASE_URL;
  if (url) {
    const name = `hookline_tpl_${randomBase62(8).toLowerCase()}`;
    await adminQuery(url, `create database ${name}`);
    const opened = await openDatabase({ url: databaseUrlWithName(url, name), poolSize: 1 });
    await migrateToLatest(opened.db);
    await opened.close();
    return { location: name, remove: () => adminQuery(url, `drop database if exists ${name} with (force)`) };
  }
  const dir = mkdtempSync(path.join(tmpdir(), "hookline-tpl-"));
  const opened = await openDatabase({ dataDir: dir });
  await migrateToLatest(opened.db);
  await opened.close();
  return { location: dir, remove: async () => rmSync(dir, { recursive: true, force: true }) };
}

export interface TestDatabase extends OpenDatabase {
  /** Connection string of this file's PostgreSQL database, or its PGlite data directory. */
  location: string;
}

export async function createTestDatabase(): Promise<TestDatabase> {
  const template = inject("databaseTemplate");
  const url = process.env.DATABASE_URL;
  if (url) {
    const name = `hookline_test_${randomBase62(10).toLowerCase()}`;
    await adminQuery(url, `create database ${name} template ${template}`);
    const location = databaseUrlWithName(url, name);
    const opened = await openDatabase({ url: location, poolSize: 5 });
    return {
      ...opened,
      location,
      close: async () => {
        await opened.close();
        await adminQuery(url, `drop database if exists ${name} with (force)`);
      },
    };
  }
  const dir = mkdtempSync(path.join(tmpdir(), "hookline-test-"));
  cpSync(template, dir, { recursive: true });
  const opened = await openDatabase({ dataDir: dir });
  return {
    ...opened,
    location: dir,
    close: async () => {
      await opened.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
