// Any /api/3 path no route serves: ActiveCampaign's 404 {"message"}, not an HTML page.
import { acNotFound } from "@/server/activecampaign/ac.not-found";

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = acNotFound;
