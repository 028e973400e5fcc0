// What /api/3 answers where no route is: a 404 in ActiveCampaign's `{"message"}` shape (and never
// Next's HTML page), for every method its catch-all route exports.
import { everyMethod, noRoute } from "@/server/rest/not-found";
import { acErrorResponse } from "./ac.handler";

export const acNotFound = everyMethod((request) => acErrorResponse(noRoute(request)));
