// What a hook is called on its page, in the list and in the browser tab: its name, or, for a hook
// made through the API without one, where it sends (host and path, which tell hooks apart); and
// what it hears, in a line.
export function hookTitle(hook: { name: string | null; target_url: string }): string {
  if (hook.name) return hook.name;
  try {
    const url = new URL(hook.target_url);
    const path = url.pathname === "/" ? "" : url.pathname;
    return `${url.host}${path}`;
  } catch {
    return hook.target_url;
  }
}

/** What a hook hears, in a line: `*` is every contact event (operational ones are named). */
export function hookEventsText(events: string[]): string {
  return events.includes("*") ? "All events" : events.join(", ");
}
