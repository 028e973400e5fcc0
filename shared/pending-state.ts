// Where a pending delivery stands, as the admin UI shows it (server/dashboard/pending-state.ts
// works it out; components/deliveries/pending-note.tsx says it).
import { z } from "zod";

export const pendingState = z.object({
  /** Leased by a worker right now: the attempt is under way. */
  sending: z.boolean(),
  /** An ordered hook's delivery waiting for this one (the hook's lowest pending) to be delivered or fail. */
  waits_for: z.object({ id: z.string(), sequence: z.number().int() }).nullable(),
});
export type PendingState = z.infer<typeof pendingState>;
