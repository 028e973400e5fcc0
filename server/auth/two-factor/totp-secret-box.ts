// Authenticator secrets at rest: AES-256-GCM under a key derived (HKDF-SHA-256, a label of its
// own) from the app secret — HOOKLINE_SESSION_SECRET when set, else the one kept in `app_secrets`
// (server/public/app-secret.ts). A copy of the database alone no longer gives away every admin's
// second factor. Stored as `v1:` + base64url(iv ‖ tag ‖ ciphertext); the version names the key
// and the format, so either can change later beside rows still in the old one. The user's id is
// authenticated with the ciphertext, so a sealed secret copied onto another admin's row won't open.
//
// Rows written before secrets were sealed hold the base32 secret itself. They are sealed when next
// read (a code checked) and by the clean-up round (sealPlaintextTotpSecrets), never by a migration:
// the key may come from the environment of the server, which a migration run elsewhere (another
// shell, a deploy step) may not have or may have differently — sealing under the wrong key would
// lock every admin out of their app. Only the process that checks codes knows the key it uses.
import "server-only";
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";
import type { Db } from "@/db";
import { getAppSecret } from "@/server/public/app-secret";

/** The `app_secrets` row the key comes from when HOOKLINE_SESSION_SECRET is not set. */
const SECRET_PURPOSE = "totp_secrets";
/** HKDF's info: this key only ever seals authenticator secrets, whatever else the app secret keys. */
const KEY_LABEL = "hookline:totp-secret:v1";
const VERSION = "v1:";
const IV_BYTES = 12;
const TAG_BYTES = 16;
/** What authenticator apps take: RFC 4648 base32, as newTotpSecret makes it. */
const BASE32 = /^[A-Z2-7]+=*$/;

/** A stored secret this key can't open: the app secret changed since it was sealed, or it was altered. */
export class TotpSecretUnreadable extends Error {
  constructor() {
    super("The stored authenticator secret can't be decrypted with the current key.");
    this.name = "TotpSecretUnreadable";
  }
}

export interface TotpSecretBox {
  seal(userId: string, secretBase32: string): string;
  /** The base32 secret; `plaintext` when the row predates sealing (and should be sealed now). */
  open(userId: string, stored: string): { secret: string; plaintext: boolean };
}

/**
 * The box for this app's key. Read it before a transaction: without HOOKLINE_SESSION_SECRET the
 * key is read (or made) through `db`, not the transaction's connection.
 */
export async function totpSecretBox(db: Db): Promise<TotpSecretBox> {
  const key = Buffer.from(hkdfSync("sha256", await getAppSecret(db, SECRET_PURPOSE), "", KEY_LABEL, 32));
  return {
    seal: (userId, secret) => seal(key, userId, secret),
    open: (userId, stored) => open(key, userId, stored),
  };
}

function seal(key: Buffer, userId: string, secret: string): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  cipher.setAAD(Buffer.from(userId, "utf8"));
  const ciphertext = Buffer.concat([cipher.update(secret, "utf8"), cipher.final()]);
  return VERSION + Buffer.concat([iv, cipher.getAuthTag(), ciphertext]).toString("base64url");
}

function open(key: Buffer, userId: string, stored: string): { secret: string; plaintext: boolean } {
  if (!stored.startsWith(VERSION)) {
    if (BASE32.test(stored)) return { secret: stored, plaintext: true };
    throw new TotpSecretUnreadable();
  }
  const bytes = Buffer.from(stored.slice(VERSION.length), "base64url");
  if (bytes.length <= IV_BYTES + TAG_BYTES) throw new TotpSecretUnreadable();
  try {
    const decipher = createDecipheriv("aes-256-gcm", key, bytes.subarray(0, IV_BYTES));
    decipher.setAAD(Buffer.from(userId, "utf8"));
    decipher.setAuthTag(bytes.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
    const secret = Buffer.concat([decipher.update(bytes.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]);
    return { secret: secret.toString("utf8"), plaintext: false };
  } catch {
    throw new TotpSecretUnreadable();
  }
}

/**
 * Seals every secret still stored in the clear (rows from before sealing), each only if it is still
 * the value read: a concurrent set-up or sign-in that rewrote it wins. Answers how many it sealed.
 */
export async function sealPlaintextTotpSecrets(db: Db): Promise<number> {
  const rows = await db
    .selectFrom("user_totp")
    .select(["user_id", "secret"])
    .where("secret", "not like", `${VERSION}%`)
    .execute();
  if (rows.length === 0) return 0;
  const box = await totpSecretBox(db);
  let sealed = 0;
  for (const row of rows) {
    if (!BASE32.test(row.secret)) continue;
    const result = await db
      .updateTable("user_totp")
      .set({ secret: box.seal(row.user_id, row.secret) })
      .where("user_id", "=", row.user_id)
      .where("secret", "=", row.secret)
      .executeTakeFirst();
    sealed += Number(result.numUpdatedRows);
  }
  return sealed;
}
