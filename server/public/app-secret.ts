// Server secrets that must survive restarts: HOOKLINE_SESSION_SECRET when the operator set one,
// else a random value generated once and kept in `app_secrets`, so every process agrees on it.
import { randomBytes } from "node:crypto";
import type { Db } from "@/db";
import { config } from "@/server/config/config";

const cache = new WeakMap<Db, Map<string, Promise<Buffer>>>();

/** The key for `purpose`, as bytes. Env-provided secrets are shared by every purpose (callers domain-separate). */
export function getAppSecret(db: Db, purpose: string): Promise<Buffer> {
  const fromEnv = config().sessionSecret;
  if (fromEnv) return Promise.resolve(Buffer.from(fromEnv, "utf8"));
  let perDb = cache.get(db);
  if (!perDb) {
    perDb = new Map();
    cache.set(db, perDb);
  }
  let secret = perDb.get(purpose);
  if (!secret) {
    secret = loadOrCreate(db, purpose);
    perDb.set(purpose, secret);
    // A failed read must not be cached for the life of the process.
    secret.catch(() => perDb.delete(purpose));
  }
  return secret;
}

async function loadOrCreate(db: Db, purpose: string): Promise<Buffer> {
  // Two processes starting at once may both generate one; the insert keeps the first, both read it back.
  await db
    .insertInto("app_secrets")
    .values({ name: purpose, value: randomBytes(32).toString("base64") })
    .onConflict((oc) => oc.column("name").doNothing())
    .execute();
  const row = await db
    .selectFrom("app_secrets")
    .select("value")
    .where("name", "=", purpose)
    .executeTakeFirstOrThrow();
  return Buffer.from(row.value, "base64");
}

/** Forgets cached secrets (tests simulate a restart with it). */
export function clearAppSecretCache(db: Db): void {
  cache.delete(db);
}
