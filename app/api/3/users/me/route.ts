import { toAcUser } from "@/server/activecampaign/ac.account";
import { acRoute } from "@/server/activecampaign/ac.handler";
import { describeApiKey } from "@/server/auth/api-key.service";

// Integrations' credential check: the calling key, as AC's user.
export const GET = acRoute({ scope: null }, async ({ db, apiKey }) => ({
  status: 200,
  body: toAcUser(await describeApiKey(db, apiKey.id)),
}));
