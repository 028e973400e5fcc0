// The receiving guide: what a hook's URL gets from Hookline and what to do with it. The example
// bodies and headers come from the functions that build and sign real deliveries, and the code is
// the code snippets.test.ts and e2e/zapier.spec.ts run. Rendered by /docs/webhooks, as the page's
// main content, and by the portal, inside its own <main> (and maybe inside an integrator's frame).

import { parse } from "node:querystring";
import type { ReactNode } from "react";
import { AC_EVENTS } from "@/server/activecampaign/ac.events";
import { DEFAULT_RETRY_SCHEDULE } from "@/server/config/schema";
import { type ExampleFormat, exampleDelivery } from "@/server/delivery/delivery.examples";
import {
  CONTACT_EVENT_TYPES,
  EVENT_CATALOGUE,
  OPERATIONAL_EVENT_TYPES,
  type SubscribableEventType,
} from "@/shared/event.catalogue";
import { Prose } from "../../api/_components/schema-view";
import {
  NODE_HMAC,
  NODE_RECEIVER,
  PYTHON_RECEIVER,
  PYTHON_STANDARDWEBHOOKS,
  ZAPIER_TRIGGER,
} from "../_content/snippets";

export const GUIDE_TITLE = "Receiving webhooks";

const SECTIONS = [
  ["handshake", "Subscribing and the handshake"],
  ["headers", "What every delivery carries"],
  ["verify", "Verifying a delivery"],
  ["answer", "Answering, retries and 410"],
  ["order", "Order, sequence and duplicates"],
  ["test-events", "Example events on demand"],
  ["activecampaign", "The ActiveCampaign format"],
  ["examples", "Every event, in every format"],
  ["operational", "When a hook stops: operational events"],
  ["zapier", "Zapier"],
] as const;

const HEADER_MEANINGS: Record<string, string> = {
  "content-type":
    "`application/json`, or `application/x-www-form-urlencoded; charset=utf-8` for the activecampaign format.",
  "user-agent": "`Hookline/<version>`.",
  "webhook-id":
    "The delivery's id (`msg_…`): the same on every retry and redelivery of this event to this hook. Dedupe on it.",
  "webhook-timestamp": "Unix seconds of this attempt. Refuse deliveries more than 5 minutes off (replays).",
  "webhook-signature":
    "Standard Webhooks: space-separated `v1,<base64>` entries, HMAC-SHA256 of `<webhook-id>.<webhook-timestamp>.<body>`; two during a secret rotation.",
  "x-hook-signature":
    "REST Hooks style: the hex HMAC-SHA256 of the raw body; two, comma-separated, during a secret rotation.",
  "x-hook-id": "The hook (`hook_…`).",
  "x-hook-event": "The event type, as Hookline names it (`contact.created`).",
  "x-hook-sequence": "The event's number among this hook's deliveries: 1, 2, 3, …",
};

function formatSeconds(seconds: number): string {
  if (seconds < 60) return `${seconds} s`;
  if (seconds < 3600) return `${seconds / 60} min`;
  return `${seconds / 3600} h`;
}

function Code({ children, label }: { children: string; label?: string }) {
  return (
    <figure className="mt-3">
      {label ? <figcaption className="mb-1 font-mono text-xs text-slate-500">{label}</figcaption> : null}
      <pre className="overflow-x-auto rounded-lg bg-slate-900 p-4 text-[12.5px] leading-relaxed text-slate-100">
        <code>{children}</code>
      </pre>
    </figure>
  );
}

/** Two columns, a row per entry; the first cell of a row keys it. */
function Table({ head, rows }: { head: [string, string]; rows: ReactNode[][] }) {
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200">
      <table className="w-full text-left text-sm">
        <thead className="bg-slate-50 text-xs uppercase tracking-wide text-slate-500">
          <tr>
            {head.map((title) => (
              <th key={title} className="px-3 py-2">
                {title}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rows.map((cells, index) => (
            // Rows never reorder: the page is static.
            // biome-ignore lint/suspicious/noArrayIndexKey: static rows
            <tr key={index} className="align-top">
              {cells.map((cell, column) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: a row's columns are fixed
                <td key={column} className="px-3 py-2">
                  {cell}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section id={id} className="mb-12 scroll-mt-6">
      <h2 className="text-xl font-semibold tracking-tight text-slate-900">{title}</h2>
      <div className="mt-3 space-y-3 text-sm leading-relaxed text-slate-700">{children}</div>
    </section>
  );
}

function P({ children }: { children: string }) {
  return <Prose text={children} />;
}

const FORMAT_LABELS: Record<ExampleFormat, string> = {
  fat: 'JSON, payload "fat" (the default)',
  skinny: 'JSON, payload "skinny"',
  activecampaign: "format activecampaign",
};

/** The body as sent: JSON pretty-printed for reading, a form body as sent and as a parser reads it. */
function ExampleBody({ body, format }: { body: string; format: ExampleFormat }) {
  if (format !== "activecampaign") {
    return <Code label={FORMAT_LABELS[format]}>{JSON.stringify(JSON.parse(body), null, 2)}</Code>;
  }
  const fields = Object.entries(parse(body)).map(([key, value]) => `${key} = ${String(value)}`);
  return (
    <>
      <Code label={`${FORMAT_LABELS[format]}, as sent`}>{body}</Code>
      <Code label="as a querystring parser reads it">{fields.join("\n")}</Code>
    </>
  );
}

/** One event type, folded: its body in each of these formats. */
function EventExample({
  type,
  description,
  formats,
}: {
  type: SubscribableEventType;
  description: string | undefined;
  formats: ExampleFormat[];
}) {
  return (
    <details id={`example-${type}`} className="rounded-lg border border-slate-200 bg-white">
      <summary className="cursor-pointer px-4 py-2.5">
        <code className="font-mono text-sm font-semibold text-slate-900">{type}</code>{" "}
        <span className="text-slate-500">— {description}</span>
      </summary>
      <div className="border-t border-slate-100 px-4 pb-4">
        {formats.map((format) => (
          <ExampleBody key={format} format={format} body={exampleDelivery(type, format).body} />
        ))}
      </div>
    </details>
  );
}

/** A link to another page of the app: in a new tab where the guide may be framed. */
function AppLink({ href, newTab, children }: { href: string; newTab: boolean; children: ReactNode }) {
  return (
    <a
      href={href}
      className="text-brand-600 hover:underline"
      {...(newTab ? { target: "_blank", rel: "noopener" } : {})}
    >
      {children}
      {newTab ? <span className="sr-only"> (opens in a new tab)</span> : null}
    </a>
  );
}

/**
 * The guide, its table of contents beside it. `content` is the element its body is: the docs page's
 * `main`, or an `article` inside the portal's. `newTab`: where the guide may sit in someone else's
 * frame (the portal), its links to the app's other pages open a new tab rather than the frame.
 */
export function ReceivingGuide({
  content: Content,
  newTab,
  className = "",
}: {
  content: "main" | "article";
  newTab: boolean;
  className?: string;
}) {
  const sample = exampleDelivery("contact.created", "fat");
  const descriptions = new Map(EVENT_CATALOGUE.map((entry) => [entry.type, entry.description]));
  return (
    <div className={`flex gap-10 ${className}`}>
      <nav
        aria-label="On this page"
        className="sticky top-6 hidden h-[calc(100vh-3rem)] w-60 shrink-0 overflow-y-auto text-sm lg:block"
      >
        <a href="#top" className="text-base font-semibold text-slate-900">
          Receiving webhooks
        </a>
        <ul className="mt-4 space-y-1.5">
          {SECTIONS.map(([id, title]) => (
            <li key={id}>
              <a href={`#${id}`} className="block rounded px-1 py-0.5 text-slate-700 hover:bg-slate-100">
                {title}
              </a>
            </li>
          ))}
        </ul>
        <p className="mt-6 text-xs text-slate-500">
          The API itself:{" "}
          <AppLink href="/docs/api" newTab={newTab}>
            API reference
          </AppLink>
        </p>
      </nav>

      <Content id="top" className="min-w-0 max-w-3xl flex-1">
        <header className="mb-10">
          <p className="text-sm font-medium text-brand-600">Guide</p>
          <h1 className="mt-1 text-3xl font-semibold tracking-tight">{GUIDE_TITLE}</h1>
          <Prose
            className="mt-3 leading-relaxed text-slate-600"
            text="What Hookline POSTs to a hook's URL, how to check it came from Hookline, and what to answer. Every example below is built and signed by the code that builds and signs real deliveries; every receiver below has been run against real ones."
          />
          <p className="mt-3 text-sm text-slate-600">
            The routes named here are in the{" "}
            <AppLink href="/docs/api" newTab={newTab}>
              API reference
            </AppLink>
            .
          </p>
        </header>

        <Section id="handshake" title="Subscribing and the handshake">
          <P>
            {
              'An integrator subscribes a URL with `POST /api/v1/hooks` and `{"target_url", "event"}` (or `"events"`). Before answering, Hookline POSTs a handshake to that URL: header `X-Hook-Secret: whsec_…` and body `{"type": "hook.verification", "hook": {"id", "target", "events"}}`.'
            }
          </P>
          <ul className="list-disc space-y-1 pl-5">
            <li>
              <P>{"A 2xx that echoes the `X-Hook-Secret` header: the hook is `active` at once."}</P>
            </li>
            <li>
              <P>
                {
                  "A 2xx without it: the hook is `pending`, and nothing is delivered until `POST /api/v1/hooks/{id}/activate` brings the secret back in `X-Hook-Secret` (as Zapier does, below)."
                }
              </P>
            </li>
            <li>
              <P>
                {
                  "Anything else — another status, no answer within 10 s, a refused connection — and the subscription is refused with `422 intent_verification_failed`; nothing is stored."
                }
              </P>
            </li>
          </ul>
          <P>
            {
              "The 201 carries the signing secret, `secret`, once: keep it to verify deliveries. `POST /api/v1/hooks/{id}/rotate-secret` issues a new one; the old one keeps signing, alongside, for 24 hours. Hooks made through ActiveCampaign's API (`POST /api/3/webhooks`) get no handshake, as ActiveCampaign's don't."
            }
          </P>
        </Section>

        <Section id="headers" title="What every delivery carries">
          <P>
            {
              "One `POST` per event and hook. These are the headers of the `contact.created` example below, signed with the example secret `whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw`:"
            }
          </P>
          <Table
            head={["Header", "Meaning"]}
            rows={Object.entries(sample.headers).map(([name, value]) => [
              <>
                <code className="font-mono text-xs font-semibold text-slate-900">{name}</code>
                <div className="mt-0.5 break-all font-mono text-[11px] text-slate-500">{value}</div>
              </>,
              <Prose key="meaning" text={HEADER_MEANINGS[name]} />,
            ])}
          />
        </Section>

        <Section id="verify" title="Verifying a delivery">
          <P>
            {
              "Both signatures are HMAC-SHA256 with the same key: the hook's secret after `whsec_`, base64-decoded — 32 bytes, not the text of the secret. Check the raw body, byte for byte as it arrived, before parsing it. Either signature proves the delivery came from Hookline; `webhook-signature` also covers the id and the timestamp, so it refuses replays."
            }
          </P>
          <P>
            {
              "During the 24 hours after a rotation both secrets sign, in both headers: `webhook-signature` holds two space-separated `v1,…` entries, and `x-hook-signature` two comma-separated digests (the new secret's first). Accept a delivery when any entry matches: a receiver holding either secret keeps verifying."
            }
          </P>
          <h3 className="pt-2 text-base font-semibold text-slate-900">
            Node, with the standardwebhooks package
          </h3>
          <Code>{NODE_RECEIVER}</Code>
          <h3 className="pt-2 text-base font-semibold text-slate-900">
            Python, with the standard library alone
          </h3>
          <P>{"Both signatures by hand, for any format:"}</P>
          <Code>{PYTHON_RECEIVER}</Code>
          <h3 className="pt-2 text-base font-semibold text-slate-900">
            Python, with the standardwebhooks package
          </h3>
          <Code>{PYTHON_STANDARDWEBHOOKS}</Code>
          <h3 className="pt-2 text-base font-semibold text-slate-900">x-hook-signature with node:crypto</h3>
          <Code>{NODE_HMAC}</Code>
        </Section>

        <Section id="answer" title="Answering, retries and 410">
          <ul className="list-disc space-y-1 pl-5">
            <li>
              <P>{"Any `2xx` within 15 seconds: delivered. Answer first, work after."}</P>
            </li>
            <li>
              <P>
                {
                  '`410 Gone`: the subscription ends — the hook is deleted (or disabled, if it was made with `on_gone: "disable"`) and what is pending for it is dropped.'
                }
              </P>
            </li>
            <li>
              <P>
                {
                  "Anything else — another status, a redirect (never followed), a timeout, a refused connection: the attempt failed and is tried again."
                }
              </P>
            </li>
          </ul>
          <P>
            {`After a failed attempt the next one follows after ${DEFAULT_RETRY_SCHEDULE.map(formatSeconds).join(", ")}, each ±20 %; a \`Retry-After\` answer delays it further, up to twice the step. After the last the delivery is \`failed\`; \`POST /api/v1/hooks/{id}/deliveries/{delivery_id}/redeliver\` and \`POST /api/v1/hooks/{id}/recover\` send failed ones again. A hook whose every attempt has failed for 5 days is disabled. Every attempt is kept, request and answer: \`GET /api/v1/hooks/{id}/deliveries\`.`}
          </P>
        </Section>

        <Section id="order" title="Order, sequence and duplicates">
          <P>
            {
              "Delivery is at-least-once: a delivery can arrive twice (a retry after an answer that got lost, a redelivery). `webhook-id` is the same every time, so remember the ones you have handled and skip them."
            }
          </P>
          <P>
            {
              "`sequence` (in the body, and `x-hook-sequence`) numbers a hook's events 1, 2, 3, … in the order they happened. By default deliveries go out in parallel and can arrive out of order: sort by `sequence` where order matters. A hook made with `ordered: true` gets one delivery at a time, strictly in sequence; a failing one holds the later ones back until it is delivered or `failed`."
            }
          </P>
        </Section>

        <Section id="test-events" title="Example events on demand">
          <P>
            {
              'To see a type arrive without making the change happen: `POST /api/v1/hooks/{id}/test` with `{"event": "contact.tag_added"}` (202, and the delivery\'s id), or the hook page\'s "Send example event". It is one of the examples below, sent to that hook only through the real engine — signed, in the hook\'s format, logged like any delivery — and marked as a test: `"test": true` in a JSON body, `test=1` in a form body.'
            }
          </P>
        </Section>

        <Section id="activecampaign" title="The ActiveCampaign format">
          <P>
            {
              'A hook with `format: "activecampaign"` (every hook made through `/api/3`) gets ActiveCampaign\'s own webhook body, so receivers written for ActiveCampaign take it as it is: `application/x-www-form-urlencoded`, keys flat and literal (`contact[email]`, read by any querystring parser without nesting), `date_time` with its offset, `contact[tags]` comma-separated (a tag holds no comma), `contact[fields][<name>]` per custom field, and `tag` on tag events. It always carries the contact (ActiveCampaign has no skinny body), and it is signed exactly like JSON.'
            }
          </P>
          <Table
            head={["ActiveCampaign type", "Hookline events"]}
            rows={[
              ...Object.entries(AC_EVENTS).map(([name, types]) => [
                <code key="name" className="font-mono text-xs">
                  {name}
                </code>,
                <code key="types" className="font-mono text-xs">
                  {types.join(", ")}
                </code>,
              ]),
              [
                <code key="name" className="font-mono text-xs">
                  contact.deleted
                </code>,
                <span key="types" className="text-xs text-slate-600">
                  ActiveCampaign has no name for it: <code className="font-mono">type</code> is Hookline's
                </span>,
              ],
            ]}
          />
          <P>
            {
              "Signature libraries that parse the body as JSON after checking it need telling: in Node, `verify(body, headers, { jsonParse: false })`; Python's `standardwebhooks` always parses JSON, so check a form body as the standard-library receiver above does."
            }
          </P>
        </Section>

        <Section id="examples" title="Every event, in every format">
          <P>
            {
              "The body of each event type as a hook with those settings receives it (JSON is pretty-printed here; it is sent compact). `data` is the contact as `GET /api/v1/contacts/{id}` shows it, right after the change; `detail` says what changed beyond it."
            }
          </P>
          {CONTACT_EVENT_TYPES.map((type) => (
            <EventExample
              key={type}
              type={type}
              description={descriptions.get(type)}
              formats={["fat", "skinny", "activecampaign"]}
            />
          ))}
        </Section>

        <Section id="operational" title="When a hook stops: operational events">
          <P>
            {
              "Subscribe to `hook.disabled`, `hook.enabled`, `hook.deleted` and `delivery.exhausted` by name (`*` means every contact event and does not include them) to hear when a hook stops receiving: `reason` says why a hook was disabled — `gone` (it answered 410), `failing` (five days of failures), `key_revoked`, `admin` or `api` (its key turned it off). A hook made with an API key hears only about that key's hooks; a hook an admin made hears about every hook. They come like any delivery — same headers, signatures, retries and history — with `source` `system` and `initiated_by` naming who or what did it, and a hook's `sources` do not filter them."
            }
          </P>
          <P>
            {
              "A disabled or deleted hook receives nothing, so never its own `hook.disabled` or `hook.deleted`; a hook turned back on does get its own `hook.enabled`. Their `data` is the same whatever a hook's `payload` setting. A delivery of a `delivery.exhausted` event that itself gives up raises no further event, so a receiver that fails everything cannot start a chain."
            }
          </P>
          {OPERATIONAL_EVENT_TYPES.map((type) => (
            <EventExample key={type} type={type} description={descriptions.get(type)} formats={["fat"]} />
          ))}
        </Section>

        <Section id="zapier" title="Zapier">
          <P>
            {
              "A REST Hook trigger for a Zapier CLI integration whose authentication asks for `base_url` and `api_key`. Zapier's catch URL answers the handshake with 200 without echoing the secret, so `performSubscribe` activates the hook with the secret from the 201 and keeps it in `subscribeData`; the handshake also reaches the Zap, so `perform` drops `hook.verification` and checks every other delivery's `x-hook-signature`. When the Zap is turned off, its URL answers 410 and Hookline deletes the hook; `performUnsubscribe` takes a 404 as done."
            }
          </P>
          <Code>{ZAPIER_TRIGGER}</Code>
        </Section>
      </Content>
    </div>
  );
}
