// The receiving guide's code, kept as the text the page shows. snippets.test.ts runs the Node and
// plain-Python receivers as real processes against real deliveries from the engine, and the Zapier
// recipe runs in Zapier's own runtime in e2e/zapier.spec.ts: what the guide shows is what was run.

/** A complete Node receiver with the standardwebhooks npm package. */
export const NODE_RECEIVER = `// receiver.mjs — npm install standardwebhooks; HOOKLINE_SECRET=whsec_… node receiver.mjs
import { createServer } from "node:http";
import { Webhook } from "standardwebhooks";

const webhook = new Webhook(process.env.HOOKLINE_SECRET);
const seen = new Set(); // keep these in your database: webhook-id is the same on every retry

createServer(async (request, response) => {
  const chunks = [];
  for await (const chunk of request) chunks.push(chunk);
  const body = Buffer.concat(chunks).toString("utf8"); // verify the raw body, before parsing it

  const secret = request.headers["x-hook-secret"];
  if (secret) {
    // The REST Hooks handshake: echoing the secret activates the hook at once.
    response.writeHead(200, { "x-hook-secret": secret }).end();
    return;
  }
  try {
    // webhook-signature, over webhook-id, webhook-timestamp (at most 5 minutes off) and the body.
    // jsonParse: false, because an activecampaign-format body is a form, not JSON.
    webhook.verify(body, request.headers, { jsonParse: false });
  } catch {
    response.writeHead(401).end();
    return;
  }
  const id = request.headers["webhook-id"];
  if (!seen.has(id)) {
    seen.add(id);
    console.log(request.headers["x-hook-event"], body); // your work goes here
  }
  response.writeHead(200).end(); // any 2xx is delivered; 410 ends the subscription
}).listen(Number(process.env.PORT ?? 8080));
`;

/** x-hook-signature with node:crypto alone. */
export const NODE_HMAC = `import { createHmac, timingSafeEqual } from "node:crypto";

// secret: whsec_…; header: the x-hook-signature header; body: the raw body, as received.
export function verifyHookSignature(secret, header, body) {
  // The HMAC key is the secret's text after "whsec_", base64-decoded: 32 bytes, not the text.
  const key = Buffer.from(secret.slice("whsec_".length), "base64");
  const expected = Buffer.from(createHmac("sha256", key).update(body).digest("hex"));
  // During a secret rotation the header lists two digests, comma-separated: either may match.
  return header.split(",").some((entry) => {
    const given = Buffer.from(entry.trim());
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
}
`;

/** A complete Python receiver on the standard library alone: both signatures by hand. */
export const PYTHON_RECEIVER = `# receiver.py — HOOKLINE_SECRET=whsec_… python3 receiver.py (standard library only)
import base64, hashlib, hmac, os, time
from http.server import BaseHTTPRequestHandler, HTTPServer

# The HMAC key is the secret's text after "whsec_", base64-decoded: 32 bytes, not the text.
KEY = base64.b64decode(os.environ["HOOKLINE_SECRET"].removeprefix("whsec_"))


def x_hook_signature_ok(header: str, body: bytes) -> bool:
    expected = hmac.new(KEY, body, hashlib.sha256).hexdigest()
    # During a secret rotation the header lists two digests, comma-separated: either may match.
    return any(hmac.compare_digest(expected, given.strip()) for given in header.split(","))


def webhook_signature_ok(headers, body: bytes) -> bool:
    msg_id, timestamp = headers.get("webhook-id", ""), headers.get("webhook-timestamp", "")
    if not timestamp.isdigit() or abs(time.time() - int(timestamp)) > 300:
        return False  # a replay, or a clock far off
    signed = f"{msg_id}.{timestamp}.".encode() + body
    expected = base64.b64encode(hmac.new(KEY, signed, hashlib.sha256).digest()).decode()
    # Space-separated "v1,<base64>" entries: two during a secret rotation.
    entries = headers.get("webhook-signature", "").split()
    return any(e.startswith("v1,") and hmac.compare_digest(expected, e[3:]) for e in entries)


class Receiver(BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("content-length", 0)))
        secret = self.headers.get("x-hook-secret")
        if secret:  # the REST Hooks handshake: echoing the secret activates the hook at once
            self.send_response(200)
            self.send_header("x-hook-secret", secret)
            self.end_headers()
            return
        ok = x_hook_signature_ok(self.headers.get("x-hook-signature", ""), body)
        ok = ok and webhook_signature_ok(self.headers, body)
        self.send_response(200 if ok else 401)  # 410 would end the subscription
        self.end_headers()
        if ok:  # dedupe on self.headers["webhook-id"] first: it is the same on every retry
            print(self.headers["x-hook-event"], body.decode(), flush=True)


HTTPServer(("", int(os.environ.get("PORT", "8080"))), Receiver).serve_forever()
`;

/** Python with the standardwebhooks package from PyPI. */
export const PYTHON_STANDARDWEBHOOKS = `# pip install standardwebhooks
import os
from standardwebhooks import Webhook

webhook = Webhook(os.environ["HOOKLINE_SECRET"])


def verify(headers: dict, body: bytes):
    # Checks webhook-signature and the timestamp, then returns the body parsed as JSON; raises
    # WebhookVerificationError otherwise. It parses JSON only: for the activecampaign format
    # (a form body), check the signatures as the standard-library receiver above does.
    return webhook.verify(body, headers)
`;

/**
 * A Zapier CLI integration's REST Hook trigger (zapier-platform-core), as a CommonJS module. Its
 * authentication has two fields, `base_url` and `api_key`.
 */
export const ZAPIER_TRIGGER = `// triggers/contact.js — a REST Hook trigger of a Zapier CLI integration.
const crypto = require("node:crypto");

const url = (bundle, path) => bundle.authData.base_url.replace(/\\/+$/, "") + path;
const headers = (bundle) => ({ Authorization: \`Bearer \${bundle.authData.api_key}\` });

// Zapier's catch URL answers Hookline's handshake with 200 but doesn't echo X-Hook-Secret, so the
// hook starts out pending: activate it with the secret from the 201, and keep the secret.
const performSubscribe = async (z, bundle) => {
  const created = await z.request({
    url: url(bundle, "/api/v1/hooks"),
    method: "POST",
    headers: headers(bundle),
    body: { target_url: bundle.targetUrl, event: bundle.inputData.event, name: "Zapier" },
  });
  const hook = created.data;
  if (hook.status === "pending") {
    await z.request({
      url: url(bundle, \`/api/v1/hooks/\${hook.id}/activate\`),
      method: "POST",
      headers: { ...headers(bundle), "X-Hook-Secret": hook.secret },
    });
  }
  return { id: hook.id, secret: hook.secret }; // bundle.subscribeData from now on
};

const performUnsubscribe = async (z, bundle) => {
  const response = await z.request({
    url: url(bundle, \`/api/v1/hooks/\${bundle.subscribeData.id}\`),
    method: "DELETE",
    headers: headers(bundle),
    skipThrowForStatus: true,
  });
  // 404: gone already — a 410 from this Zap's URL deletes the hook.
  if (response.status !== 204 && response.status !== 404) response.throwForStatus();
  return {};
};

// Zapier gives perform the raw body (rawRequest.content) and the headers as "Http-Title-Case".
const signed = (bundle) => {
  const key = Buffer.from(bundle.subscribeData.secret.slice("whsec_".length), "base64");
  const expected = Buffer.from(crypto.createHmac("sha256", key).update(bundle.rawRequest.content).digest("hex"));
  const header = bundle.rawRequest.headers["Http-X-Hook-Signature"] || "";
  return header.split(",").some((entry) => {
    const given = Buffer.from(entry.trim());
    return given.length === expected.length && crypto.timingSafeEqual(given, expected);
  });
};

const perform = async (z, bundle) => {
  const body = bundle.cleanedRequest;
  // The handshake was POSTed to this Zap's URL too: it is no event.
  if (body.type === "hook.verification") return [];
  if (!signed(bundle)) throw new z.errors.Error("The signature does not match.", "BadSignature", 401);
  return [{ ...body.data, id: body.id, event: body.type, source: body.source, contact_id: body.data.id }];
};

// The sample Zapier shows while the Zap is set up: the newest contacts, in the same shape.
const performList = async (z, bundle) => {
  const response = await z.request({ url: url(bundle, "/api/v1/contacts?limit=3"), headers: headers(bundle) });
  return response.data.data.map((contact) => ({
    ...contact,
    id: \`sample_\${contact.id}\`,
    event: bundle.inputData.event,
    source: "api",
    contact_id: contact.id,
  }));
};

module.exports = {
  key: "contact",
  noun: "Contact",
  display: { label: "Contact Event", description: "Triggers when a contact changes in Hookline." },
  operation: {
    type: "hook",
    inputFields: [{ key: "event", required: true, default: "contact.created", helpText: "A Hookline event type." }],
    performSubscribe,
    performUnsubscribe,
    perform,
    performList,
    sample: { id: "evt_1", event: "contact.created", source: "api", email: "ada@example.com", contact_id: "ctc_1" },
  },
};
`;
