// One HTTP attempt against real loopback receivers: what is kept of the answer, the cap on it, the
// deadline, and a target that can't be parsed.
import { afterAll, describe, expect, it } from "vitest";
import { overrideConfig } from "@/server/config/config";
import { MAX_RESPONSE_BYTES } from "@/server/outbound/response";
import { createGuardedAgent } from "@/server/outbound/target-guard";
import { postOnce } from "./delivery.sender";
import { startReceiver } from "./delivery.test-support";

overrideConfig({ HOOKLINE_ALLOWED_TARGETS: "127.0.0.0/8" });
const agent = createGuardedAgent({ connections: 4 });

afterAll(async () => {
  // Closed while loopback is still allowed: undici still counts an attempt abandoned at its deadline
  // as running, and close() waits on it — with loopback refused first, it never returned here.
  await agent.close();
});

const headers = { "content-type": "application/json" };

describe("postOnce", () => {
  it("keeps the status, the headers and the body of the answer", async () => {
    const receiver = await startReceiver((request, res) => {
      res.setHeader("x-seen", request.json.id);
      res.statusCode = 202;
      res.end("accepted");
    });
    try {
      const outcome = await postOnce(agent, receiver.url, headers, '{"id":"evt_1"}', 5_000);
      expect(outcome).toMatchObject({ statusCode: 202, error: null, responseBody: "accepted" });
      expect(outcome.responseHeaders?.["x-seen"]).toBe("evt_1");
      expect(receiver.requests[0]?.body).toBe('{"id":"evt_1"}');
    } finally {
      await receiver.close();
    }
  });

  it("keeps the first 20 KB of a flood and does not wait for the rest", async () => {
    const receiver = await startReceiver((_, res) => {
      res.write("x".repeat(64 * 1024));
      // Never ends: the attempt must not wait for an answer past the cap.
    });
    try {
      const outcome = await postOnce(agent, receiver.url, headers, '{"id":"evt_2"}', 5_000);
      expect(outcome.statusCode).toBe(200);
      expect(outcome.error).toBeNull();
      expect(outcome.responseBody?.length).toBe(MAX_RESPONSE_BYTES);
      expect(outcome.durationMs).toBeLessThan(4_000);
    } finally {
      await receiver.close();
    }
  });

  it("gives up at the deadline", async () => {
    const receiver = await startReceiver(() => {
      // Never answers.
    });
    try {
      const outcome = await postOnce(agent, receiver.url, headers, '{"id":"evt_3"}', 300);
      expect(outcome.statusCode).toBeNull();
      expect(outcome.error).toMatch(/^timeout/);
      expect(outcome.durationMs).toBeGreaterThanOrEqual(250);
    } finally {
      await receiver.close();
    }
  });

  it("reports a target that can't be parsed, every time it is asked", async () => {
    for (let i = 0; i < 2; i++) {
      const outcome = await postOnce(agent, "not a url", headers, "{}", 1_000);
      expect(outcome).toMatchObject({ statusCode: null, error: expect.stringMatching(/^invalid_url/) });
    }
  });
});
