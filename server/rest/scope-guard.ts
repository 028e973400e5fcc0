// The 403 of a key used outside its scopes, shared by the /api/v1 and /api/3 wrappers.

import { AppError } from "@/server/errors";
import { type ApiKeyScope, hasScope } from "@/shared/api-key-scopes";

/** Throws 403 forbidden, naming the scope the route needs, unless the key has it. */
export function assertScope(apiKey: { scopes: readonly ApiKeyScope[] | null }, needed: ApiKeyScope | null) {
  if (hasScope(apiKey.scopes, needed)) return;
  throw new AppError(
    "forbidden",
    `This API key may not do that: it needs the \`${needed}\` scope. An admin can create a key with it under API keys.`,
  );
}
