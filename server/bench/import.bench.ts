// Measures a CSV import end to end: `npx tsx --import ./server/runtime/server-only.mjs server/bench/import.bench.ts [rows]`.
// On PostgreSQL (DATABASE_URL) it runs in a throwaway database; without it, in a temporary PGlite.
// Half of a second pass updates existing contacts, so both write paths are measured.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { migrateToLatest, type OpenDatabase, openDatabase } from "@/db";
import { processImports } from "@/server/imports/import.runner";
import { createImportDraft, getImport, startImport } from "@/server/imports/import.service";
import { randomBase62 } from "@/server/lib/ids";

const rows = Number(process.argv[2] ?? 100_000);

function makeCsv(count: number, offset: number): string {
  const lines = ["email,first_name,last_name,phone,tags,plan"];
  for (let i = 0; i < count; i++) {
    const n = i + offset;
    lines.push(
      `person-${n}@example.com,First${n},Last${n},+1 555 ${String(n).padStart(7, "0")},news;import,plan-${n % 5}`,
    );
  }
  return lines.join("\n");
}

async function timeImport(db: OpenDatabase["db"], name: string, csv: string) {
  const started = performance.now();
  const draft = await createImportDraft(db, {
    fileName: name,
    bytes: new TextEncoder().encode(csv),
    createdBy: null,
  });
  const uploaded = performance.now();
  await startImport(db, {
    id: draft.id,
    mode: "create_update",
    mapping: ["email", "first_name", "last_name", "phone", "tags", "field:plan"],
  });
  await processImports(db, "bench");
  const done = performance.now();
  const job = await getImport(db, draft.id);
  const seconds = (done - uploaded) / 1000;
  console.log(
    `${name}: ${job.total_rows} rows (${(csv.length / 1024 / 1024).toFixed(1)} MB) — upload+preview ${((uploaded - started) / 1000).toFixed(2)} s, ` +
      `import ${seconds.toFixed(2)} s = ${Math.round(job.total_rows / seconds)} rows/s ` +
      `(created ${job.created}, updated ${job.updated}, skipped ${job.skipped}, rejected ${job.rejected})`,
  );
}

async function main() {
  const url = process.env.DATABASE_URL;
  let opened: OpenDatabase;
  let cleanup: () => Promise<void>;
  if (url) {
    const name = `hookline_bench_${randomBase62(8).toLowerCase()}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`create database ${name}`);
    const target = new URL(url);
    target.pathname = `/${name}`;
    opened = await openDatabase({ url: target.toString() });
    cleanup = async () => {
      await opened.close();
      await admin.query(`drop database if exists ${name} with (force)`);
      await admin.end();
    };
  } else {
    const dir = mkdtempSync(path.join(tmpdir(), "hookline-bench-"));
    opened = await openDatabase({ dataDir: dir });
    cleanup = async () => {
      await opened.close();
      rmSync(dir, { recursive: true, force: true });
    };
  }
  try {
    await migrateToLatest(opened.db);
    console.log(`Import benchmark on ${opened.kind}, ${rows} rows`);
    await timeImport(opened.db, "create.csv", makeCsv(rows, 0));
    // Second file: the first half exists (updates: new last name and a tag), the second half is new.
    const second = makeCsv(rows, rows / 2).replaceAll(",news;import,", ",news;import;again,");
    await timeImport(opened.db, "update-and-create.csv", second);
    const events = await opened.db
      .selectFrom("events")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow();
    console.log(`events recorded: ${events.n}`);
  } finally {
    await cleanup();
  }
}

await main();
