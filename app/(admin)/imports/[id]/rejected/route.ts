import { rejectedRowsCsv } from "@/server/imports/import.service";
import { adminRoute } from "@/server/rest/admin-route";

export const dynamic = "force-dynamic";

/** The rejected rows with their reasons, as a CSV download. */
export const GET = adminRoute({ permission: "imports.read" }, async ({ db, params }) => {
  const { fileName, csv } = await rejectedRowsCsv(db, params.id ?? "");
  return new Response(`\uFEFF${csv}`, {
    status: 200,
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="${fileName.replace(/[^\w.-]/g, "_")}"`,
      "cache-control": "no-store",
    },
  });
});
