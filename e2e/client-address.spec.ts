// Sign-in throttling keys on the connection's address: a client's own X-Forwarded-For neither lets
// it dodge the throttle nor aims the throttle at someone else. Only a trusted proxy's report counts.
import { expect, test } from "@playwright/test";
import { type HooklineProcess, startHookline } from "./support/hookline-process";
import { send } from "./support/http";

// Linux answers on all of 127.0.0.0/8, so a spec can be several clients, and a proxy, at once.
const ATTACKER = "127.0.0.2";
const VICTIM = "127.0.0.3";
const PROXY = "127.0.0.4";

let hookline: HooklineProcess;
test.beforeAll(async () => {
  hookline = await startHookline({ HOOKLINE_TRUSTED_PROXIES: `${PROXY}/32` });
});
test.afterAll(async () => {
  await hookline?.dispose();
});

let attempt = 0;
/** One failed sign-in (a fresh email each time, so only the address can be throttled). */
async function failSignIn(from: string, forwardedFor?: string): Promise<number> {
  attempt += 1;
  const origin = hookline.url;
  const answer = await send(`${hookline.url}/api/trpc/auth.signIn`, {
    localAddress: from,
    headers: {
      "content-type": "application/json",
      origin,
      ...(forwardedFor ? { "x-forwarded-for": forwardedFor } : {}),
    },
    body: JSON.stringify({ email: `nobody-${attempt}@example.com`, password: "wrong password" }),
  });
  return answer.status;
}

/** Fails sign-ins until the throttle answers 429 (it allows five); returns how many it took. */
async function failUntilThrottled(from: string, forwardedFor: () => string): Promise<number> {
  for (let tries = 1; tries <= 10; tries++) {
    const status = await failSignIn(from, forwardedFor());
    if (status === 429) return tries;
    expect(status).toBe(401);
  }
  throw new Error("never throttled");
}

test("a spoofed X-Forwarded-For neither dodges the throttle nor aims it at someone else", async () => {
  // A new made-up address every time, and the victim's address: the attacker is throttled all the same.
  let spoof = 0;
  const tries = await failUntilThrottled(ATTACKER, () => (++spoof % 2 ? VICTIM : `198.51.100.${spoof}`));
  expect(tries).toBeLessThanOrEqual(7);
  expect(await failSignIn(ATTACKER, "198.51.100.250")).toBe(429);
  // The victim, whose address the attacker claimed, is not locked out.
  expect(await failSignIn(VICTIM)).toBe(401);
});

test("behind a trusted proxy, the address it reports is the one throttled", async () => {
  const tries = await failUntilThrottled(PROXY, () => "203.0.113.50");
  expect(tries).toBeLessThanOrEqual(7);
  // Another client behind the same proxy is not affected...
  expect(await failSignIn(PROXY, "203.0.113.51")).toBe(401);
  // ...and what a client writes in front of the proxy's report is ignored.
  expect(await failSignIn(PROXY, "203.0.113.51, 203.0.113.50")).toBe(429);
});
