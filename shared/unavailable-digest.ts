/**
 * The digest stamped on "database unreachable" errors (db/availability.ts): Next.js hands an
 * error's own digest to the page's error boundary (app/error.tsx), which can then say "temporarily
 * unavailable" rather than "something broke". A module of its own so that the page's client code
 * gets this string and nothing else.
 */
export const UNAVAILABLE_DIGEST = "hookline-database-unavailable";
