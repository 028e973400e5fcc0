// One human sentence per event: what the alert URL's chat message says (format `text`) and what the
// in-app notification list shows, so the two always agree. Pure: reads the event as recorded.

export interface TextEvent {
  type: string;
  actor: string;
  payload: Record<string, unknown>;
  test?: boolean | undefined;
}

const DISABLED_BECAUSE: Record<string, string> = {
  gone: "its receiver answered 410 Gone",
  failing: "every delivery has failed for five days",
  key_revoked: "the API key that owns it was revoked",
  admin: "an admin turned it off",
  api: "its API key turned it off",
};

function record(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

function text(value: unknown): string | null {
  return typeof value === "string" && value !== "" ? value : null;
}

/** `"Zap 42" (https://…)`, or the target alone for a hook without a name. */
export function hookLabel(hook: Record<string, unknown>): string {
  const name = text(hook.name);
  const target = text(hook.target) ?? text(hook.id) ?? "a hook";
  return name ? `"${name}" (${target})` : target;
}

function lastAnswer(delivery: Record<string, unknown>): string {
  if (typeof delivery.last_status_code === "number") return `HTTP ${delivery.last_status_code}`;
  return text(delivery.last_error) ?? "no answer";
}

export function alertText(event: TextEvent): string {
  const data = event.payload;
  const hook = record(data.hook);
  const prefix = event.test ? "[test] " : "";
  switch (event.type) {
    case "hook.disabled": {
      const why = DISABLED_BECAUSE[text(data.reason) ?? ""] ?? "it was turned off";
      return `${prefix}Hook ${hookLabel(hook)} was disabled: ${why}.`;
    }
    case "hook.enabled":
      return `${prefix}Hook ${hookLabel(hook)} was turned back on by ${event.actor}.`;
    case "hook.deleted":
      return data.reason === "gone"
        ? `${prefix}Hook ${hookLabel(hook)} was deleted: its receiver answered 410 Gone.`
        : `${prefix}Hook ${hookLabel(hook)} was deleted by ${event.actor}.`;
    case "delivery.exhausted": {
      const delivery = record(data.delivery);
      const attempts = typeof delivery.attempt_count === "number" ? delivery.attempt_count : "every";
      return `${prefix}A ${text(delivery.event_type) ?? "delivery"} delivery to hook ${hookLabel(hook)} gave up after ${attempts} attempts (last answer: ${lastAnswer(delivery)}).`;
    }
    case "hook.ping":
      return `${prefix}Hookline ping: this URL receives Hookline's messages.`;
    default: {
      const email = text(data.email);
      return `${prefix}${event.type}${email ? `: ${email}` : ""} (by ${event.actor}).`;
    }
  }
}
