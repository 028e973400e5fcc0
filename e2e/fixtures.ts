// Shared e2e facts: the first admin every spec signs in as (created by setup.spec.ts).
export const ADMIN = { email: "admin@example.com", password: "correct horse battery" } as const;
export const AUTH_STATE = `e2e/.auth/admin-${process.env.E2E_PORT ?? 3210}.json`;
