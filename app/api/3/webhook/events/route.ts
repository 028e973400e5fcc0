import { AC_EVENT_NAMES } from "@/server/activecampaign/ac.events";
import { acRoute } from "@/server/activecampaign/ac.handler";
import { acListPage } from "@/server/activecampaign/ac.paging";

// The events Hookline raises, in AC's names. AC answers this total as a number, not a string.
export const GET = acRoute({ scope: null, query: acListPage }, async ({ query }) => ({
  status: 200,
  body: {
    webhookEvents: AC_EVENT_NAMES.slice(query.offset, query.offset + query.limit),
    meta: { total: AC_EVENT_NAMES.length },
  },
}));
