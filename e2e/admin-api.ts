// For specs that need data made the way integrators make it: an API key created by the signed-in
// admin (tRPC, same-origin as the browser sends it), then the public REST API with that key.
import { expect, type Page } from "@playwright/test";

export interface AdminApi {
  origin: string;
  rest: <T = Record<string, unknown>>(method: string, path: string, body?: unknown) => Promise<T>;
}

export async function adminApi(page: Page, baseURL: string | undefined, keyName: string): Promise<AdminApi> {
  const origin = String(baseURL);
  const created = await page.request.post("/api/trpc/apiKey.create", {
    data: { name: keyName },
    headers: { "content-type": "application/json", origin },
  });
  expect(created.ok(), await created.text()).toBe(true);
  const secret: string = (await created.json()).result.data.secret;
  return {
    origin,
    rest: async (method, path, body) => {
      const response = await page.request.fetch(path, {
        method,
        ...(body === undefined ? {} : { data: body }),
        headers: { authorization: `Bearer ${secret}`, "content-type": "application/json" },
      });
      expect(response.ok(), `${method} ${path}: ${await response.text()}`).toBe(true);
      return response.json();
    },
  };
}

/**
 * Deletes every hook that sends to `targetUrl` (a spec's receiver), as the signed-in admin: a hook
 * left active towards a receiver that has closed would take every later spec's contact changes,
 * retried, on the one embedded database.
 */
export async function deleteHooksTo(
  page: Page,
  baseURL: string | undefined,
  targetUrl: string,
): Promise<void> {
  const input = encodeURIComponent(JSON.stringify({ q: targetUrl, limit: 100 }));
  const listed = await page.request.get(`/api/trpc/hook.list?input=${input}`);
  expect(listed.ok(), await listed.text()).toBe(true);
  const hooks: Array<{ id: string }> = (await listed.json()).result.data.data;
  for (const { id } of hooks) {
    const response = await page.request.post("/api/trpc/hook.delete", {
      data: { id },
      headers: { "content-type": "application/json", origin: String(baseURL) },
    });
    expect(response.ok(), await response.text()).toBe(true);
  }
}
