// The header the portal's client sends its link's token in (data only: the portal's client
// components import it too). A header, not a cookie: a portal framed by another site gets no cookies.
export const PORTAL_TOKEN_HEADER = "x-hookline-portal";
