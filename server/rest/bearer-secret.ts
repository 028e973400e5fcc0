// Routes guarded by one operator-set secret (the cron tick, the metrics): the request must carry it
// as `Authorization: Bearer <secret>`. Compared in constant time, over digests so that the length
// does not leak either.
import { createHash, timingSafeEqual } from "node:crypto";
import { readApiKey } from "./handler";

function digest(value: string): Buffer {
  return createHash("sha256").update(value).digest();
}

export function carriesBearerSecret(headers: Headers, secret: string): boolean {
  return timingSafeEqual(digest(readApiKey(headers) ?? ""), digest(secret));
}
