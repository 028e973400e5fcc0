import { handleImportUpload } from "@/server/imports/import.http";

export const dynamic = "force-dynamic";
export const POST = handleImportUpload;
