"use client";
// A hook's settings as a form, for the admin's hook pages and the integrator's portal alike: what
// a person may set, checked in the browser first, then as the create and update procedures take it.
import { type FormEvent, useEffect, useId, useRef, useState } from "react";
import { errorMessage, fieldErrors } from "@/components/trpc/errors";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, Input, Select } from "@/components/ui/field";
import {
  CONTACT_EVENT_TYPES,
  isOperationalEventType,
  OPERATIONAL_EVENT_TYPES,
} from "@/shared/event.catalogue";

export const ALL_EVENTS = "*";
const SOURCES = [
  { value: "admin", label: "Admin", hint: "the admin UI" },
  { value: "api", label: "API", hint: "API keys" },
  { value: "public", label: "Public", hint: "the contact" },
  { value: "system", label: "System", hint: "imports, automations" },
] as const;
type Source = (typeof SOURCES)[number]["value"];

export interface HookFormValues {
  name: string;
  target_url: string;
  events: string[];
  sources: Source[];
  payload: "fat" | "skinny";
  format: "json" | "activecampaign" | "text";
  ordered: boolean;
  on_gone: "delete" | "disable";
}

export const NEW_HOOK: HookFormValues = {
  name: "",
  target_url: "",
  events: [ALL_EVENTS],
  sources: ["admin", "api", "public", "system"],
  payload: "fat",
  format: "json",
  ordered: false,
  on_gone: "delete",
};

/** A hook's settings as the form edits them. */
export function hookFormValues(hook: Omit<HookFormValues, "name"> & { name: string | null }): HookFormValues {
  return {
    name: hook.name ?? "",
    target_url: hook.target_url,
    events: hook.events,
    sources: hook.sources,
    payload: hook.payload,
    format: hook.format,
    ordered: hook.ordered,
    on_gone: hook.on_gone,
  };
}

/** The values as hooks.create and hooks.update take them (the admin's and the portal's alike). */
export function hookSettingsInput(values: HookFormValues) {
  return {
    name: values.name || null,
    target_url: values.target_url,
    events: values.events,
    sources: values.sources,
    payload: values.payload,
    // `text` is the alert URL's own, set in Settings: left as it is.
    format: values.format === "text" ? undefined : values.format,
    ordered: values.ordered,
    on_gone: values.on_gone,
  };
}
export type HookSettingsInput = ReturnType<typeof hookSettingsInput>;

/** What a refused target means, and what to do about it (null: an error the form shows as it is). */
export function hookRefusalHelp(code: string | undefined): string | null {
  if (code === "intent_verification_failed") {
    return 'Hookline POSTed a handshake (header X-Hook-Secret, body {"type": "hook.verification"}) to the target and did not get a 2xx answer within 10 seconds. Nothing was stored. Make the receiver answer 2xx — echoing the X-Hook-Secret header activates the hook at once — and try again.';
  }
  if (code === "target_not_allowed") {
    return "The target resolves to a loopback, private, link-local or otherwise reserved address. Use a public address, or ask the operator to allow that network with HOOKLINE_ALLOWED_TARGETS.";
  }
  return null;
}

type Errors = Partial<Record<"target_url" | "events" | "sources" | "name", string>>;

function validate(values: HookFormValues): Errors {
  const errors: Errors = {};
  const target = values.target_url.trim();
  if (!target) errors.target_url = "Give the URL that receives the deliveries.";
  else if (!/^https?:\/\/[^\s]+$/i.test(target)) errors.target_url = "Use an http:// or https:// URL.";
  if (values.events.length === 0) errors.events = "Choose at least one event.";
  if (values.sources.length === 0) errors.sources = "Choose at least one source.";
  if (values.name.length > 100) errors.name = "Use at most 100 characters for the name.";
  return errors;
}

/**
 * A hook's settings, for creating one or editing it. Checks what it can before sending; the
 * server's field errors (of `error`, the mutation's) land under their fields and anything else
 * above the buttons.
 */
export function HookForm({
  initial,
  submitLabel,
  pendingLabel,
  pending,
  error,
  onSubmit,
  onCancel,
  note,
  focusOnMount = false,
}: {
  initial: HookFormValues;
  submitLabel: string;
  pendingLabel: string;
  pending: boolean;
  /** The last refusal; null when there is none, or when it is shown elsewhere already. */
  error?: unknown;
  onSubmit: (values: HookFormValues) => void;
  onCancel?: () => void;
  note?: string;
  /** Puts the cursor in the target URL: for a form opened by a button, not one a page starts with. */
  focusOnMount?: boolean;
}) {
  const id = useId();
  const target = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (focusOnMount) target.current?.focus();
  }, [focusOnMount]);
  const serverFieldErrors = fieldErrors(error);
  const serverError = error && serverFieldErrors.length === 0 ? errorMessage(error) : null;
  const [values, setValues] = useState(initial);
  const [errors, setErrors] = useState<Errors>({});
  const all = values.events.includes(ALL_EVENTS);

  const serverFor = (path: string) =>
    serverFieldErrors.find((error) => error.path === path || error.path.startsWith(`${path}.`))?.message;

  function submit(event: FormEvent) {
    event.preventDefault();
    const found = validate(values);
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    onSubmit({ ...values, target_url: values.target_url.trim(), name: values.name.trim() });
  }

  function toggleEvent(type: string, checked: boolean) {
    // "*" covers contact events only: ticking an operational one keeps it.
    const keepAll = isOperationalEventType(type);
    setValues((current) => ({
      ...current,
      events: checked
        ? [...current.events.filter((e) => keepAll || e !== ALL_EVENTS), type]
        : current.events.filter((e) => e !== type),
    }));
  }

  function toggleAll(checked: boolean) {
    setValues((current) => {
      const operational = current.events.filter((e) => isOperationalEventType(e));
      return { ...current, events: checked ? [ALL_EVENTS, ...operational] : operational };
    });
  }

  return (
    <form onSubmit={submit} noValidate className="space-y-5">
      <div className="grid gap-5 md:grid-cols-2">
        <Field
          label="Target URL"
          htmlFor={`${id}-target`}
          error={errors.target_url ?? serverFor("target_url")}
          hint="Receives a POST per event. It must answer the handshake with 2xx."
        >
          <Input
            ref={target}
            id={`${id}-target`}
            type="url"
            value={values.target_url}
            onChange={(event) => setValues({ ...values, target_url: event.target.value })}
            placeholder="https://example.org/hooks/hookline"
            aria-invalid={!!(errors.target_url ?? serverFor("target_url"))}
            autoComplete="off"
            spellCheck={false}
            className="font-mono"
          />
        </Field>
        <Field label="Name" htmlFor={`${id}-name`} error={errors.name ?? serverFor("name")} hint="Optional.">
          <Input
            id={`${id}-name`}
            value={values.name}
            onChange={(event) => setValues({ ...values, name: event.target.value })}
            placeholder="e.g. CRM sync"
            autoComplete="off"
          />
        </Field>
      </div>

      <fieldset>
        <legend className="text-sm font-medium text-slate-700">Events</legend>
        <div className="mt-2 grid gap-x-4 gap-y-1.5 sm:grid-cols-2 lg:grid-cols-3">
          <label className="flex items-center gap-2 text-sm sm:col-span-2 lg:col-span-3">
            <input
              type="checkbox"
              checked={all}
              onChange={(event) => toggleAll(event.target.checked)}
              className="h-4 w-4 rounded border-slate-300 text-brand-600"
            />
            <span>
              <span className="font-medium">Every contact event</span>{" "}
              <span className="text-slate-500">(including ones added later)</span>
            </span>
          </label>
          {CONTACT_EVENT_TYPES.map((type) => (
            <label key={type} className={`flex items-center gap-2 text-sm ${all ? "text-slate-400" : ""}`}>
              <input
                type="checkbox"
                checked={all || values.events.includes(type)}
                disabled={all}
                onChange={(event) => toggleEvent(type, event.target.checked)}
                className="h-4 w-4 rounded border-slate-300 text-brand-600"
              />
              <code className="font-mono text-[13px]">{type}</code>
            </label>
          ))}
          <p className="mt-2 text-xs font-medium text-slate-500 sm:col-span-2 lg:col-span-3">
            About hooks and deliveries (not covered by every contact event)
          </p>
          {OPERATIONAL_EVENT_TYPES.map((type) => (
            <label key={type} className="flex items-center gap-2 text-sm">
              <input
                type="checkbox"
                checked={values.events.includes(type)}
                onChange={(event) => toggleEvent(type, event.target.checked)}
                className="h-4 w-4 rounded border-slate-300 text-brand-600"
              />
              <code className="font-mono text-[13px]">{type}</code>
            </label>
          ))}
        </div>
        {(errors.events ?? serverFor("events")) ? (
          <p role="alert" className="mt-1.5 text-sm text-red-600">
            {errors.events ?? serverFor("events")}
          </p>
        ) : null}
      </fieldset>

      <fieldset>
        <legend className="text-sm font-medium text-slate-700">Sources</legend>
        <div className="mt-2 flex flex-wrap gap-x-5 gap-y-1.5">
          {SOURCES.map((source) => (
            <label key={source.value} className="flex items-center gap-2 text-sm">
              <input
                type="checkbox"
                checked={values.sources.includes(source.value)}
                onChange={(event) =>
                  setValues({
                    ...values,
                    sources: event.target.checked
                      ? [...values.sources, source.value]
                      : values.sources.filter((s) => s !== source.value),
                  })
                }
                className="h-4 w-4 rounded border-slate-300 text-brand-600"
              />
              {source.label} <span className="text-xs text-slate-500">({source.hint})</span>
            </label>
          ))}
        </div>
        {(errors.sources ?? serverFor("sources")) ? (
          <p role="alert" className="mt-1.5 text-sm text-red-600">
            {errors.sources ?? serverFor("sources")}
          </p>
        ) : null}
      </fieldset>

      <div className="grid gap-5 sm:grid-cols-2">
        <Field
          label="Body format"
          htmlFor={`${id}-format`}
          hint={
            values.format === "json"
              ? "Hookline's JSON body."
              : values.format === "text"
                ? 'A chat message, {"text": …}, as incoming webhooks of chat tools take it.'
                : "ActiveCampaign's form-encoded webhook body, for receivers written for it."
          }
        >
          <Select
            id={`${id}-format`}
            value={values.format}
            onChange={(event) =>
              setValues({ ...values, format: event.target.value as HookFormValues["format"] })
            }
          >
            <option value="json">JSON</option>
            <option value="activecampaign">ActiveCampaign</option>
            {values.format === "text" ? <option value="text">Text (the alert URL's)</option> : null}
          </Select>
        </Field>
        <Field
          label="Payload"
          htmlFor={`${id}-payload`}
          hint={
            values.format === "activecampaign"
              ? "ActiveCampaign's body always carries the contact."
              : values.payload === "fat"
                ? "The whole contact."
                : "Only its id and URL."
          }
        >
          <Select
            id={`${id}-payload`}
            value={values.payload}
            disabled={values.format === "activecampaign"}
            onChange={(event) => setValues({ ...values, payload: event.target.value as "fat" | "skinny" })}
          >
            <option value="fat">Fat</option>
            <option value="skinny">Skinny</option>
          </Select>
        </Field>
        <Field label="On 410 Gone" htmlFor={`${id}-gone`} hint="When the receiver unsubscribes.">
          <Select
            id={`${id}-gone`}
            value={values.on_gone}
            onChange={(event) =>
              setValues({ ...values, on_gone: event.target.value as "delete" | "disable" })
            }
          >
            <option value="delete">Delete hook</option>
            <option value="disable">Disable hook</option>
          </Select>
        </Field>
        <div className="flex items-center pt-6">
          <label className="flex items-center gap-2 text-sm">
            <input
              type="checkbox"
              checked={values.ordered}
              onChange={(event) => setValues({ ...values, ordered: event.target.checked })}
              className="h-4 w-4 rounded border-slate-300 text-brand-600"
            />
            <span>
              Ordered <span className="text-xs text-slate-500">(one at a time, in sequence)</span>
            </span>
          </label>
        </div>
      </div>

      {serverError ? <Alert tone="error">{serverError}</Alert> : null}
      {note ? <p className="text-xs text-slate-500">{note}</p> : null}
      <div className="flex items-center gap-2">
        <Button type="submit" disabled={pending}>
          {pending ? pendingLabel : submitLabel}
        </Button>
        {onCancel ? (
          <Button variant="ghost" onClick={onCancel} disabled={pending}>
            Cancel
          </Button>
        ) : null}
      </div>
    </form>
  );
}
