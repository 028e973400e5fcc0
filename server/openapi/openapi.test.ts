// The OpenAPI document is valid and cannot drift from the routes on disk: every route.ts under
// app/api/v1 and app/api/3 and every HTTP method it exports must be in it, and nothing else.
import { readdirSync } from "node:fs";
import path from "node:path";
import SwaggerParser from "@apidevtools/swagger-parser";
import { describe, expect, it } from "vitest";
import * as openApiRoute from "@/app/api/v1/openapi.json/route";
import { AC_OPERATIONS } from "./activecampaign.operations";
import { buildOpenApiDocument, errorCodesOf } from "./document";
import { API_OPERATIONS } from "./operations";

const HTTP_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
const APP_API = path.resolve(import.meta.dirname, "../../app/api");

/**
 * Every route.ts under app/api/<version>, as [file, OpenAPI path]: `[id]` becomes `{id}`. A
 * catch-all (`[...path]`) is no operation: it answers what no route does.
 */
function routeFiles(version: string, dir = path.join(APP_API, version)): Array<[string, string]> {
  const found: Array<[string, string]> = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory() && !entry.name.includes("[...")) found.push(...routeFiles(version, full));
    else if (entry.name === "route.ts") {
      const relative = path.relative(APP_API, dir).split(path.sep).filter(Boolean);
      const segments = relative
        // Route groups "(name)" don't appear in URLs.
        .filter((segment) => !/^\(.*\)$/.test(segment))
        .map((segment) => segment.replace(/^\[(.+)\]$/, "{$1}"));
      found.push([full, `/api/${segments.join("/")}`]);
    }
  }
  return found.sort(([, a], [, b]) => a.localeCompare(b));
}

describe("OpenAPI document", () => {
  const document = buildOpenApiDocument();

  it("is a valid OpenAPI 3.1 document", async () => {
    await expect(SwaggerParser.validate(structuredClone(document) as never)).resolves.toBeTruthy();
    expect(document.openapi).toBe("3.1.0");
  });

  it("declares both ways to send an API key", () => {
    expect(document.components?.securitySchemes).toMatchObject({
      bearerAuth: { type: "http", scheme: "bearer" },
      apiToken: { type: "apiKey", in: "header", name: "Api-Token" },
    });
    expect(document.security).toEqual([{ bearerAuth: [] }, { apiToken: [] }]);
  });

  const files = [...routeFiles("v1"), ...routeFiles("3")];

  it("finds the route files it checks", () => {
    const paths = files.map(([, apiPath]) => apiPath);
    expect(paths).toContain("/api/v1/hooks/{id}/rotate-secret");
    expect(paths).toContain("/api/v1/contacts/{id}/tags/{tag}");
    expect(paths).toContain("/api/3/webhooks/{id}");
    expect(paths).toContain("/api/3/contactTags/{id}");
  });

  it.each(files)("%s: every exported method is documented", async (file, apiPath) => {
    const module = (await import(file)) as Record<string, unknown>;
    const exported = HTTP_METHODS.filter((method) => typeof module[method] === "function");
    expect(exported.length, `${file} exports no HTTP method`).toBeGreaterThan(0);
    const item = document.paths?.[apiPath];
    expect(
      item,
      `${apiPath} is missing from the OpenAPI document: add an op(…) to API_OPERATIONS`,
    ).toBeDefined();
    for (const method of exported) {
      expect(
        item?.[method.toLowerCase() as "get"],
        `${method} ${apiPath} is missing from API_OPERATIONS`,
      ).toBeDefined();
    }
    // And nothing documented that the file doesn't serve.
    const documented = Object.keys(item ?? {}).filter((key) =>
      (HTTP_METHODS as readonly string[]).includes(key.toUpperCase()),
    );
    expect(documented.map((method) => method.toUpperCase()).sort()).toEqual([...exported].sort());
  });

  it("documents no path that has no route file", () => {
    const onDisk = new Set(files.map(([, apiPath]) => apiPath));
    for (const apiPath of Object.keys(document.paths ?? {})) expect(onDisk, apiPath).toContain(apiPath);
  });

  it("gives every operation its error codes, a tag and the path's parameters", () => {
    for (const operation of [...API_OPERATIONS, ...AC_OPERATIONS]) {
      const rendered = document.paths?.[operation.path]?.[operation.method];
      expect(rendered?.tags).toEqual([operation.tag]);
      for (const code of operation.dialect ? [] : errorCodesOf(operation)) {
        const status = { unauthorized: "401", not_found: "404", internal_error: "500", unavailable: "503" }[
          code as string
        ];
        if (status) expect(rendered?.responses?.[status], `${operation.operationId} ${code}`).toBeDefined();
      }
      const placeholders = [...operation.path.matchAll(/\{(\w+)\}/g)].map((match) => match[1]);
      const pathParams = (rendered?.parameters ?? [])
        .filter((parameter) => "in" in parameter && parameter.in === "path")
        .map((parameter) => ("name" in parameter ? parameter.name : ""));
      expect(pathParams.sort(), operation.operationId).toEqual(placeholders.sort());
    }
    const createHook = document.paths?.["/api/v1/hooks"]?.post;
    expect(Object.keys(createHook?.responses ?? {}).sort()).toEqual(
      ["201", "400", "401", "403", "413", "415", "422", "500", "503"].sort(),
    );
    const activate = document.paths?.["/api/v1/hooks/{id}/activate"]?.post;
    expect(activate?.parameters).toContainEqual(
      expect.objectContaining({ in: "header", name: "x-hook-secret" }),
    );
    expect(Object.keys(activate?.responses ?? {})).toContain("403");
  });

  it("names the scope each operation needs in its security requirement, and answers 403 without it", () => {
    const listContacts = document.paths?.["/api/v1/contacts"]?.get;
    expect(listContacts?.security).toEqual([
      { bearerAuth: ["contacts:read"] },
      { apiToken: ["contacts:read"] },
    ]);
    expect(Object.keys(listContacts?.responses ?? {})).toContain("403");
    const deliveries = document.paths?.["/api/v1/hooks/{id}/deliveries"]?.get;
    expect(deliveries?.security).toEqual([
      { bearerAuth: ["deliveries:read"] },
      { apiToken: ["deliveries:read"] },
    ]);
    // Any valid key may read the catalogue: the document's own requirement applies, with no scope.
    const catalogue = document.paths?.["/api/v1/events"]?.get;
    expect(catalogue?.security).toBeUndefined();
    expect(Object.keys(catalogue?.responses ?? {})).not.toContain("403");
    expect(document.info.description).toContain("`contacts:write`");
  });

  it("answers /api/3's errors in ActiveCampaign's shapes and statuses", () => {
    const create = document.paths?.["/api/3/webhooks"]?.post;
    expect(create?.tags).toEqual(["ActiveCampaign (v3)"]);
    expect(Object.keys(create?.responses ?? {}).sort()).toEqual([
      "201",
      "400",
      "403",
      "413",
      "415",
      "422",
      "500",
    ]);
    const schemaOf = (status: string) =>
      (create?.responses?.[status] as { content?: Record<string, { schema?: { $ref?: string } }> })
        ?.content?.["application/json"]?.schema?.$ref;
    expect(schemaOf("422")).toBe("#/components/schemas/AcErrors");
    expect(schemaOf("403")).toBe("#/components/schemas/AcMessage");
    const get = document.paths?.["/api/3/webhooks/{id}"]?.get;
    expect(Object.keys(get?.responses ?? {}).sort()).toEqual(["200", "403", "404", "500"]);
    const requestBody = create?.requestBody as { content: Record<string, { schema: unknown }> };
    expect(JSON.stringify(requestBody.content["application/json"]?.schema)).toContain('"webhook"');
  });

  it("describes request bodies with the routes' own schemas", () => {
    const schemas = document.components?.schemas ?? {};
    const hookCreate = schemas.HookCreate as { properties?: Record<string, unknown> };
    expect(Object.keys(hookCreate.properties ?? {})).toEqual(
      expect.arrayContaining([
        "target_url",
        "target",
        "event",
        "events",
        "sources",
        "payload",
        "ordered",
        "on_gone",
        "name",
      ]),
    );
    const hook = schemas.Hook as { required?: string[] };
    expect(hook.required).toEqual(
      expect.arrayContaining([
        "id",
        "target_url",
        "target",
        "events",
        "event",
        "status",
        "stats",
        "created_at",
      ]),
    );
  });

  it("is served at /api/v1/openapi.json without an API key", async () => {
    const response = openApiRoute.GET();
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/json; charset=utf-8");
    const served = await response.json();
    expect(served.paths["/api/v1/hooks"]).toBeDefined();
    expect(served.paths["/api/v1/openapi.json"].get.security).toEqual([]);
  });
});
