import { restRoute } from "@/server/rest/handler";
import { EVENT_CATALOGUE } from "@/shared/event.catalogue";

export const GET = restRoute({ scope: null }, async () => ({ status: 200, body: { data: EVENT_CATALOGUE } }));
