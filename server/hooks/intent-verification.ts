// The REST Hooks handshake: before a target is accepted, Hookline POSTs to it with the hook's secret
// in X-Hook-Secret. Echoing the header back confirms at once; any other 2xx leaves the hook pending
// until the receiver calls /activate; anything else refuses the target.
import { createHash, timingSafeEqual } from "node:crypto";
import { type Agent, request } from "undici";
import { config } from "@/server/config/config";
import { USER_AGENT } from "@/server/config/version";
import { AppError } from "@/server/errors";
import { classifyOutboundFailure, readCappedBody } from "@/server/outbound/response";
import { assertTargetAllowed, createGuardedAgent } from "@/server/outbound/target-guard";

export interface IntentRequest {
  hookId: string;
  target: string;
  events: string[];
  secret: string;
  /** The whole budget: connect, answer and body. Defaults to HOOKLINE_INTENT_TIMEOUT_MS or 10 s. */
  timeoutMs?: number;
}

/** `active` when the target echoed the secret, `pending` when it answered 2xx without it. */
export type IntentOutcome = "active" | "pending";

let sharedAgent: Agent | undefined;
function agent(): Agent {
  // Handshakes are rare: one guarded agent for the process, connections closed after each one.
  sharedAgent ??= createGuardedAgent({ connections: 16 });
  return sharedAgent;
}

export function intentTimeoutMs(): number {
  return config().intentTimeoutMs;
}

/** Constant-time equality that doesn't leak the length either. */
export function secretsEqual(given: string | null | undefined, expected: string): boolean {
  if (typeof given !== "string") return false;
  const digest = (value: string) => createHash("sha256").update(value, "utf8").digest();
  return timingSafeEqual(digest(given.trim()), digest(expected));
}

function failed(message: string): AppError {
  return new AppError("intent_verification_failed", message, {
    details: [{ path: "target_url", message }],
  });
}

/**
 * Runs the handshake. Throws `target_not_allowed` when the guard refuses the target (at resolution
 * or at connect), and `intent_verification_failed` with what happened otherwise.
 */
export async function verifyIntent(input: IntentRequest): Promise<IntentOutcome> {
  await assertTargetAllowed(input.target);
  const timeoutMs = input.timeoutMs ?? intentTimeoutMs();
  const body = JSON.stringify({
    type: "hook.verification",
    hook: { id: input.hookId, target: input.target, events: input.events },
  });
  const signal = AbortSignal.timeout(timeoutMs);
  let statusCode: number;
  let echoed: string | string[] | undefined;
  try {
    const answer = await request(input.target, {
      method: "POST",
      dispatcher: agent(),
      signal,
      // One connection per handshake: nothing to keep alive, and no pooled socket outlives a check.
      reset: true,
      headers: {
        "content-type": "application/json",
        "user-agent": USER_AGENT,
        "x-hook-secret": input.secret,
      },
      body,
    });
    statusCode = answer.statusCode;
    echoed = answer.headers["x-hook-secret"];
    // At most MAX_RESPONSE_BYTES of the answer is read, then the connection goes.
    await readCappedBody(answer.body);
  } catch (error) {
    throw describeFailure(error, signal.aborted, timeoutMs);
  }

  if (statusCode >= 300 && statusCode < 400) {
    throw failed(
      `The target answered ${statusCode} (a redirect) to the verification request; Hookline does not follow redirects, so point the hook at the final URL.`,
    );
  }
  if (statusCode < 200 || statusCode >= 300) {
    throw failed(
      `The target answered ${statusCode} to the verification request; it must answer with a 2xx status.`,
    );
  }
  return secretsEqual(Array.isArray(echoed) ? echoed[0] : echoed, input.secret) ? "active" : "pending";
}

function describeFailure(error: unknown, timedOut: boolean, timeoutMs: number): AppError {
  if (error instanceof AppError) return error;
  const { kind, code, message } = classifyOutboundFailure(error, timedOut);
  switch (kind) {
    case "target_not_allowed":
      return new AppError("target_not_allowed", message);
    case "timeout":
      return failed(`The target did not answer the verification request within ${formatSeconds(timeoutMs)}.`);
    case "refused":
      return failed("Could not connect to the target: connection refused.");
    case "reset":
      return failed("The target closed the connection before answering the verification request.");
    case "dns":
      return failed("Could not resolve the target's host name.");
    case "unreachable":
      return failed("Could not reach the target's network.");
    case "connect_timeout":
      return failed(`Could not connect to the target within ${formatSeconds(timeoutMs)}.`);
    case "tls":
      return failed(`The target's TLS certificate was not accepted (${code}).`);
    case "other":
      return failed(`Could not complete the verification request: ${message}${code ? ` (${code})` : ""}.`);
  }
}

function formatSeconds(ms: number): string {
  return ms >= 1000 && ms % 1000 === 0 ? `${ms / 1000} s` : `${ms} ms`;
}
