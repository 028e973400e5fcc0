// Any /api/v1 path no route serves: the API's 404 envelope, not an HTML page.
import { restNotFound } from "@/server/rest/not-found";

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = restNotFound;
