// What the admin UI's API key procedures answer. The secret appears once, in `apiKeyCreated`.
import { z } from "zod";
import { API_KEY_SCOPES } from "@/shared/api-key-scopes";

export const apiKeyResource = z.object({
  id: z.string(),
  name: z.string(),
  prefix: z.string(),
  created_at: z.string(),
  last_used_at: z.string().nullable(),
  revoked_at: z.string().nullable(),
  scopes: z.array(z.enum(API_KEY_SCOPES)).nullable(),
  expires_at: z.string().nullable(),
});

export const apiKeyCreated = z.object({ apiKey: apiKeyResource, secret: z.string() });
