// Who may do what, in one place. Every account is an admin today; when roles arrive, each rule
// here is where it narrows.

/** Settings that bind every admin, such as requiring two-factor sign-in: any admin, until owners exist. */
export function canChangeSecuritySettings(_user: { id: string }): boolean {
  return true;
}
