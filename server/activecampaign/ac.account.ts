// The account side of ActiveCampaign's API that integrations call to check a key: the user behind
// it (GET /api/3/users/me) and the custom fields (GET /api/3/fields). In Hookline the API key is
// the integrator, so it is the "user"; a custom field's id is its name.

export function toAcUser(key: { id: string; name: string; email: string | null }) {
  return {
    user: {
      username: key.name,
      firstName: "",
      lastName: "",
      email: key.email ?? "",
      phone: "",
      signature: null,
      links: {},
      id: key.id,
    },
  };
}

/** AC's personalization tag for a field: its name in capitals, other characters as underscores. */
function perstag(name: string): string {
  return name.toUpperCase().replace(/[^A-Z0-9]+/g, "_");
}

export function toAcField(name: string, index: number) {
  return {
    title: name,
    descript: "",
    type: "text",
    isrequired: "0",
    perstag: perstag(name),
    defval: "",
    show_in_list: "0",
    rows: "0",
    cols: "0",
    visible: "1",
    service: "",
    ordernum: String(index + 1),
    options: [],
    relations: [],
    links: {},
    id: name,
  };
}
