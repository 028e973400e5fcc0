"use client";
import { useRouter } from "next/navigation";
import { type ChangeEvent, type DragEvent, useRef, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Card } from "@/components/ui/card";

// Mirrors MAX_IMPORT_BYTES on the server, so a too-big file is refused before it is sent.
const MAX_BYTES = 50 * 1024 * 1024;

export function ImportUpload() {
  const router = useRouter();
  const input = useRef<HTMLInputElement>(null);
  const [error, setError] = useState<string | null>(null);
  const [uploading, setUploading] = useState<string | null>(null);
  const [dragging, setDragging] = useState(false);

  async function upload(file: File) {
    setError(null);
    if (file.size > MAX_BYTES) {
      setError("The file is larger than 50 MB. Split it into smaller files and import them one by one.");
      return;
    }
    setUploading(file.name);
    try {
      const response = await fetch(`/imports/upload?name=${encodeURIComponent(file.name)}`, {
        method: "POST",
        headers: { "content-type": "text/csv" },
        body: file,
      });
      const body = (await response.json().catch(() => null)) as {
        id?: string;
        error?: { message?: string };
      } | null;
      if (!response.ok || !body?.id) {
        setError(body?.error?.message ?? "The upload failed. Please try again.");
        return;
      }
      router.push(`/imports/${body.id}`);
    } catch {
      setError("The upload failed. Check your connection and try again.");
    } finally {
      setUploading(null);
      if (input.current) input.current.value = "";
    }
  }

  function onChange(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    if (file) void upload(file);
  }

  function onDrop(event: DragEvent) {
    event.preventDefault();
    setDragging(false);
    const file = event.dataTransfer.files[0];
    if (file) void upload(file);
  }

  return (
    <Card title="New import" description="A CSV with a header row. Up to 50 MB; UTF-8.">
      <div className="space-y-4">
        {error ? <Alert tone="error">{error}</Alert> : null}
        <label
          htmlFor="import-file"
          onDragOver={(event) => {
            event.preventDefault();
            setDragging(true);
          }}
          onDragLeave={() => setDragging(false)}
          onDrop={onDrop}
          className={`flex cursor-pointer flex-col items-center justify-center rounded-lg border-2 border-dashed px-6 py-10 text-center transition-colors ${
            dragging
              ? "border-brand-500 bg-brand-50"
              : "border-slate-300 hover:border-brand-500 hover:bg-slate-50"
          }`}
        >
          <span className="text-sm font-medium text-slate-900">
            {uploading ? `Uploading ${uploading}…` : "Choose a CSV file or drop it here"}
          </span>
          <span className="mt-1 text-xs text-slate-500">
            You'll see the first rows and map the columns before anything is imported.
          </span>
          <input
            ref={input}
            id="import-file"
            type="file"
            accept=".csv,text/csv"
            className="sr-only"
            disabled={uploading !== null}
            onChange={onChange}
          />
        </label>
      </div>
    </Card>
  );
}
