// What a receiver gets: the body (built at send time from the event, never stored per hook) in the
// hook's format — JSON here, ActiveCampaign's form body in delivery.activecampaign.ts — and the
// signed headers of one attempt.
import type { HookFormat } from "@/db/schema";
import { config } from "@/server/config/config";
import { USER_AGENT } from "@/server/config/version";
import { eventData } from "@/server/events/event.data";
import { ACTIVECAMPAIGN_CONTENT_TYPE, buildActiveCampaignBody } from "./delivery.activecampaign";
import { buildTextBody } from "./delivery.text";
import { bodySignatureHeader, secretKey, standardSignatureHeader } from "./signing";

/** What the body and headers are built from: the claimed delivery joined to its hook and event. */
export interface DeliveryMessage {
  id: string;
  sequence: number;
  hook: {
    id: string;
    targetUrl: string;
    events: string[];
    payload: "fat" | "skinny";
    format: HookFormat;
    secret: string;
    previousSecret: string | null;
    previousSecretExpiresAt: Date | null;
  };
  event: {
    id: string;
    type: string;
    source: string;
    actor: string;
    contactId: string | null;
    payload: Record<string, unknown>;
    detail: Record<string, unknown> | null;
    createdAt: Date;
    /** A made-up example (POST /api/v1/hooks/{id}/test): the body says so. Absent means false. */
    test?: boolean;
  };
}

export function publicBaseUrl(): string {
  const { publicUrl, port } = config();
  return publicUrl ?? `http://localhost:${port}`;
}

export function buildBody(message: DeliveryMessage): string {
  if (message.hook.format === "activecampaign") return buildActiveCampaignBody(message);
  if (message.hook.format === "text") return buildTextBody(message, publicBaseUrl());
  return composeBody(message, isSkinny(message) ? skinnyData(message.event) : eventParts(message.event).data);
}

/**
 * The body as the attempt log keeps it: where `data` is the event's own payload (fat payloads), it
 * is logged as `null` and put back from the event by restoreLoggedBody — events never change, so
 * the log still shows byte for byte what was sent without a copy of the payload per hook and
 * attempt.
 */
export function loggedBody(message: DeliveryMessage, sent: string): { body: string; dataFromEvent: boolean } {
  // A test's data is made up (in no event to restore it from); form and text bodies are kept as sent.
  if (isSkinny(message) || message.event.test || message.hook.format !== "json") {
    return { body: sent, dataFromEvent: false };
  }
  // `sent` is buildBody's: the event's data, then its detail and the closing brace, end it.
  const parts = eventParts(message.event);
  const tail = parts.detail.length + 1;
  const dataStart = sent.length - tail - parts.data.length;
  return { body: `${sent.slice(0, dataStart)}null${sent.slice(sent.length - tail)}`, dataFromEvent: true };
}

/** A logged body with the event's payload back in place of its `"data":null`. */
export function restoreLoggedBody(
  logged: string,
  event: { payload: Record<string, unknown>; contactId: string | null },
): string {
  const body = JSON.parse(logged) as Record<string, unknown>;
  body.data = eventData(event);
  return JSON.stringify(body);
}

function isSkinny({ hook, event }: DeliveryMessage): boolean {
  return hook.payload === "skinny" && event.contactId !== null;
}

function skinnyData(event: DeliveryMessage["event"]): string {
  return JSON.stringify({
    id: event.contactId,
    url: `${publicBaseUrl()}/api/v1/contacts/${event.contactId}`,
  });
}

function composeBody(message: DeliveryMessage, data: string): string {
  const { event, hook } = message;
  const parts = eventParts(event);
  // Byte for byte JSON.stringify of {id, type, timestamp, source, initiated_by, sequence, hook, data,
  // detail?, test?} (delivery.payload.test.ts holds it to that), with the event's share serialised
  // once for all the hooks it goes to.
  const test = event.test ? `,"test":true` : "";
  return `${parts.head}${message.sequence},"hook":${hookPart(hook, event.type)},"data":${data}${parts.detail}${test}}`;
}

// Keyed by the hook object: a fan-out hands all of a hook's deliveries the same one.
const hookPartCache = new WeakMap<DeliveryMessage["hook"], string>();

/** The body's `hook` object, serialised once per hook object. */
function hookPart(hook: DeliveryMessage["hook"], eventType: string): string {
  const cached = hookPartCache.get(hook);
  if (cached !== undefined) return cached;
  const part = JSON.stringify({ id: hook.id, target: hook.targetUrl, event: hook.events[0] ?? eventType });
  // A hook subscribed to no event by name names each event's own type: not one part for all.
  if (hook.events[0] !== undefined) hookPartCache.set(hook, part);
  return part;
}

interface EventParts {
  head: string;
  data: string;
  detail: string;
}

// Keyed by the event object: a fan-out hands every hook's delivery of one event the same object.
const eventPartsCache = new WeakMap<DeliveryMessage["event"], EventParts>();

function eventParts(event: DeliveryMessage["event"]): EventParts {
  let parts = eventPartsCache.get(event);
  if (!parts) {
    const head = JSON.stringify({
      id: event.id,
      type: event.type,
      timestamp: event.createdAt.toISOString(),
      source: event.source,
      initiated_by: event.actor,
    });
    parts = {
      head: `${head.slice(0, -1)},"sequence":`,
      data: JSON.stringify(eventData(event)),
      // What changed beyond the snapshot ({"tag"} or {"previous"}), when the event says.
      detail: event.detail ? `,"detail":${JSON.stringify(event.detail)}` : "",
    };
    eventPartsCache.set(event, parts);
  }
  return parts;
}

// Decoded once per hook object: a fan-out hands all of a hook's deliveries the same one.
const keysCache = new WeakMap<DeliveryMessage["hook"], { current: Buffer; previous: Buffer | null }>();

/** Signing keys: the current secret, plus the previous one until its rotation grace period ends. */
export function signingKeys(hook: DeliveryMessage["hook"], now: Date): Buffer[] {
  let keys = keysCache.get(hook);
  if (!keys) {
    keys = {
      current: secretKey(hook.secret),
      previous: hook.previousSecret ? secretKey(hook.previousSecret) : null,
    };
    keysCache.set(hook, keys);
  }
  if (keys.previous && hook.previousSecretExpiresAt && hook.previousSecretExpiresAt > now) {
    return [keys.current, keys.previous];
  }
  return [keys.current];
}

export function buildHeaders(message: DeliveryMessage, body: string, now: Date): Record<string, string> {
  const keys = signingKeys(message.hook, now);
  const timestamp = Math.floor(now.getTime() / 1000);
  return {
    "content-type":
      message.hook.format === "activecampaign" ? ACTIVECAMPAIGN_CONTENT_TYPE : "application/json",
    "user-agent": USER_AGENT,
    "webhook-id": message.id,
    "webhook-timestamp": String(timestamp),
    "webhook-signature": standardSignatureHeader(keys, message.id, timestamp, body),
    "x-hook-signature": bodySignatureHeader(keys, body),
    "x-hook-id": message.hook.id,
    "x-hook-event": message.event.type,
    "x-hook-sequence": String(message.sequence),
  };
}
