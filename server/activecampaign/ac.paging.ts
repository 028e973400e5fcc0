// AC's list paging: `limit` (default 20, at most 100: more is taken as 100, as AC does) and
// `offset`; the answer's meta.total says how many there are in all.
import { z } from "zod";

export const acListPage = z.object({
  limit: z.coerce
    .number({ error: "limit is a whole number." })
    .int("limit is a whole number.")
    .min(1, "limit is at least 1.")
    .transform((limit) => Math.min(limit, 100))
    .default(20),
  offset: z.coerce
    .number({ error: "offset is a whole number." })
    .int("offset is a whole number.")
    .min(0, "offset is at least 0.")
    .max(10_000_000, "offset is at most 10000000.")
    .default(0),
});
