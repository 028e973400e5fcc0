import { describe, expect, it } from "vitest";
import * as acCatchAll from "@/app/api/3/[[...path]]/route";
import * as restCatchAll from "@/app/api/v1/[[...path]]/route";

type Handler = (request: Request) => Promise<Response>;
const v1Routes: Record<string, Handler> = { ...restCatchAll };
const acRoutes: Record<string, Handler> = { ...acCatchAll };

describe("each prefix's catch-all route", () => {
  it.each(["GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"] as const)(
    "%s on an unknown /api/v1 path → 404 in the API's envelope",
    async (method) => {
      const response = await (v1Routes[method] as Handler)(
        new Request(`http://h.test/api/v1/nope/x?y=1`, { method }),
      );
      expect(response.status).toBe(404);
      expect(response.headers.get("content-type")).toBe("application/json; charset=utf-8");
      expect(await response.json()).toEqual({
        error: { code: "not_found", message: `No route answers ${method} /api/v1/nope/x.` },
      });
    },
  );

  it.each(["GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"] as const)(
    "%s on an unknown /api/3 path → 404 in ActiveCampaign's {message}",
    async (method) => {
      const response = await (acRoutes[method] as Handler)(
        new Request(`http://h.test/api/3/deals`, { method }),
      );
      expect(response.status).toBe(404);
      expect(await response.json()).toEqual({ message: `No route answers ${method} /api/3/deals.` });
    },
  );
});
