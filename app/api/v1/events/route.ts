import { EVENT_CATALOGUE } from "@/server/events/event.catalogue";
import { restRoute } from "@/server/rest/handler";

export const GET = restRoute({ scope: null }, async () => ({ status: 200, body: { data: EVENT_CATALOGUE } }));
