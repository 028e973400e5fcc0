"use client";
import { Button } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";

/** The one time recovery codes are shown: copy or download them, then say so. */
export function RecoveryCodes({ codes, onDone }: { codes: string[]; onDone: () => void }) {
  const text = `Hookline recovery codes (each works once)\n\n${codes.join("\n")}\n`;

  function download() {
    const url = URL.createObjectURL(new Blob([text], { type: "text/plain" }));
    const link = document.createElement("a");
    link.href = url;
    link.download = "hookline-recovery-codes.txt";
    link.click();
    URL.revokeObjectURL(url);
  }

  return (
    <section
      aria-labelledby="recovery-codes-heading"
      className="rounded-xl bg-amber-50 p-5 ring-1 ring-amber-200"
    >
      <h3 id="recovery-codes-heading" className="text-sm font-semibold text-amber-900">
        Save your recovery codes
      </h3>
      <p className="mt-1 text-sm text-amber-800">
        If you lose your phone, each of these signs you in once instead of a code from the app. Keep them
        somewhere safe, apart from the phone. <strong>This is the only time they are shown.</strong>
      </p>
      <ol
        data-testid="recovery-codes"
        className="mt-4 grid grid-cols-2 gap-x-6 gap-y-1.5 rounded-md bg-white px-4 py-3 font-mono text-sm text-slate-900 ring-1 ring-amber-200 select-all sm:w-fit"
      >
        {codes.map((code) => (
          <li key={code}>{code}</li>
        ))}
      </ol>
      <div className="mt-4 flex flex-wrap items-center gap-2">
        <CopyButton value={text} label="Copy codes" size="md" />
        <Button variant="secondary" onClick={download}>
          Download
        </Button>
        {/* Leaving this view drops the codes from memory, not just from the screen. */}
        <Button onClick={onDone}>I have saved them</Button>
      </div>
    </section>
  );
}
