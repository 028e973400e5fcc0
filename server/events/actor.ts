// Who caused a change. Every service that writes takes one, and it becomes the event's source.

/** Where a request came from, for the audit log: the client's address and its User-Agent. */
export interface RequestOrigin {
  ip: string | null;
  userAgent: string | null;
}

export type Actor =
  | { source: "admin"; userId: string; email: string; origin?: RequestOrigin }
  | { source: "api"; apiKeyId: string; name: string; origin?: RequestOrigin }
  | { source: "public" }
  | { source: "system"; job: string };

/** The `initiated_by` of a delivery: a user's email, an API key's name, "contact", or a job name. */
export function actorName(actor: Actor): string {
  switch (actor.source) {
    case "admin":
      return actor.email;
    case "api":
      return actor.name;
    case "public":
      return "contact";
    case "system":
      return actor.job;
  }
}
