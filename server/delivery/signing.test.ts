import { createHmac } from "node:crypto";
import { Webhook } from "standardwebhooks";
import { describe, expect, it } from "vitest";
import {
  bodySignature,
  bodySignatureHeader,
  secretKey,
  standardSignature,
  standardSignatureHeader,
} from "./signing";

// From REFERENCE.md: the Standard Webhooks reference libraries' own vectors.
const VECTORS = [
  {
    secret: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
    id: "msg_p5jXN8AQM9LWM0D4loKWxJek",
    timestamp: 1614265330,
    body: '{"test": 2432232314}',
    signature: "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=",
  },
  {
    secret: "whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD",
    id: "msg_27UH4WbU6Z5A5EzD8u03UvzRbpk",
    timestamp: 1649367553,
    body: '{"email":"test@example.com","username":"test_user"}',
    signature: "v1,tZ1I4/hDygAJgO5TYxiSd6Sd0kDW6hPenDe+bTa3Kkw=",
  },
];

describe("Standard Webhooks signatures", () => {
  it.each(VECTORS)("matches the reference vector for $id", (vector) => {
    expect(standardSignature(secretKey(vector.secret), vector.id, vector.timestamp, vector.body)).toBe(
      vector.signature,
    );
  });

  it("produces what the standardwebhooks library verifies, one entry per key during a rotation", () => {
    const current = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    const previous = "whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD";
    const id = "msg_abc";
    const timestamp = Math.floor(Date.now() / 1000);
    const body = JSON.stringify({ hello: "wörld" });
    const header = standardSignatureHeader([secretKey(current), secretKey(previous)], id, timestamp, body);
    expect(header.split(" ")).toHaveLength(2);
    const headers = { "webhook-id": id, "webhook-timestamp": String(timestamp), "webhook-signature": header };
    expect(new Webhook(current).verify(body, headers)).toEqual({ hello: "wörld" });
    expect(new Webhook(previous).verify(body, headers)).toEqual({ hello: "wörld" });
    expect(() => new Webhook("whsec_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA").verify(body, headers)).toThrow();
  });

  it("signs the raw body in hex for x-hook-signature", () => {
    const key = secretKey("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
    const body = '{"a":1}';
    expect(bodySignature(key, body)).toBe(createHmac("sha256", key).update(body).digest("hex"));
    expect(bodySignature(key, body)).toMatch(/^[0-9a-f]{64}$/);
  });

  it("lists one x-hook-signature per key during a rotation, comma-separated, the current one first", () => {
    const current = secretKey("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
    const previous = secretKey("whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD");
    const body = '{"a":1}';
    expect(bodySignatureHeader([current], body)).toBe(bodySignature(current, body));
    expect(bodySignatureHeader([current, previous], body)).toBe(
      `${bodySignature(current, body)}, ${bodySignature(previous, body)}`,
    );
  });
});
