import { toAcField } from "@/server/activecampaign/ac.account";
import { acRoute } from "@/server/activecampaign/ac.handler";
import { acListPage } from "@/server/activecampaign/ac.paging";
import { listContactFieldNames } from "@/server/contacts/contact.service";

export const GET = acRoute({ scope: "contacts:read", query: acListPage }, async ({ db, query }) => {
  const page = await listContactFieldNames(db, query);
  return {
    status: 200,
    body: {
      fieldOptions: [],
      fieldRels: [],
      fields: page.data.map((name, index) => toAcField(name, query.offset + index)),
      meta: { total: String(page.total) },
    },
  };
});
