"use client";
import { CopyButton } from "@/components/ui/copy-button";

/** A signing secret shown this once, with a copy button and the warning that it won't come back. */
export function SecretReveal({ secret, title = "Signing secret" }: { secret: string; title?: string }) {
  return (
    <div className="rounded-lg bg-slate-900 p-4 text-slate-100" data-testid="secret-reveal">
      <p className="text-sm font-medium">{title}</p>
      <code className="mt-2 block font-mono text-sm break-all select-all" data-testid="secret-value">
        {secret}
      </code>
      <div className="mt-3">
        <CopyButton value={secret} label="Copy secret" />
      </div>
      <p className="mt-2 text-xs text-slate-400">
        Shown only this once: store it where your receiver verifies signatures. If it is lost, rotate it.
      </p>
    </div>
  );
}
